FROM fedora:40
RUN dnf install -y httpd-2.4.62 "git >= 2.45" && dnf clean all
RUN microdnf install -y --setopt=install_weak_deps=0 shadow-utils-4.15.1
RUN dnf -y upgrade && dnf -y remove vim
RUN dnf -y install "$PACKAGES" @development-tools /usr/bin/make
