FROM ubuntu:24.04
# want: apt-instead-of-apt-get "apt update is not meant for scripts: use apt-get update"
# want: apt-instead-of-apt-get "apt install is not meant for scripts: use apt-get install"
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
# want: apt-instead-of-apt-get "use apt-get dist-upgrade"
 && apt -y full-upgrade \
 && rm -rf /var/lib/apt/lists/*
# want: apt-instead-of-apt-get "use apt-cache policy"
RUN apt policy curl
# want: apt-instead-of-apt-get "apt remove"
RUN sudo apt remove -y vim
# want: apt-instead-of-apt-get "apt install"
RUN /usr/bin/apt -o Dpkg::Use-Pty=0 install -y --no-install-recommends git
# want: apt-instead-of-apt-get "apt upgrade"
ONBUILD RUN apt upgrade -y
# want: apt-instead-of-apt-get "apt autoremove"
RUN ["apt", "autoremove", "-y"]
# want: apt-instead-of-apt-get "apt clean"
RUN sh -c 'apt clean'
