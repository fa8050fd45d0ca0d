FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server
# want: expose-ssh-port "EXPOSE 22 "
EXPOSE 22 8080
# want: expose-ssh-port "EXPOSE 22/tcp"
EXPOSE 22/tcp
# want: expose-ssh-port "EXPOSE 20-25"
EXPOSE 20-25
