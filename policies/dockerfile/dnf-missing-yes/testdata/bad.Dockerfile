FROM fedora:40
# want: dnf-missing-yes "dnf install without -y"
RUN dnf install --setopt=install_weak_deps=False httpd
# want: dnf-missing-yes "dnf module enable"
RUN dnf module enable nodejs:20 && dnf -y install nodejs
# want: dnf-missing-yes "tdnf upgrade"
RUN tdnf upgrade
