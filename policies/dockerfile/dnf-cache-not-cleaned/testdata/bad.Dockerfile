FROM fedora:40
# want: dnf-cache-not-cleaned "dnf install"
RUN dnf -y install httpd
# want: dnf-cache-not-cleaned "microdnf install"
RUN microdnf install -y --nodocs shadow-utils
# want: dnf-cache-not-cleaned "dnf module"
RUN dnf -y module enable nodejs:20 && dnf -y install nodejs
