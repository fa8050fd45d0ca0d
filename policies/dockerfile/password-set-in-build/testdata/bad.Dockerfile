FROM debian:12.5
# want: password-set-in-build "chpasswd"
RUN useradd -m app && echo "app:secret" | chpasswd
# want: password-set-in-build "useradd -p"
RUN useradd -m -p "$(openssl passwd -1 secret)" admin
# want: password-set-in-build "passwd -d"
RUN passwd -d root
