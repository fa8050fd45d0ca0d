FROM alpine:3.20
# want: package-signature-check-disabled "apk --allow-untrusted"
RUN apk add --no-cache --allow-untrusted --repository https://example.com/apk tool

FROM debian:12.5
# want: package-signature-check-disabled "apt-get --allow-unauthenticated"
RUN apt-get install -y --allow-unauthenticated curl
# want: package-signature-check-disabled "apt-get --force-yes"
RUN apt-get install --force-yes -y git
# want: package-signature-check-disabled "APT::Get::AllowUnauthenticated=true"
RUN apt-get -o APT::Get::AllowUnauthenticated=true install -y vim

FROM fedora:40
# want: package-signature-check-disabled "dnf --nogpgcheck"
RUN dnf -y --nogpgcheck install https://example.com/x.rpm
# want: package-signature-check-disabled "gpgcheck=0"
RUN yum -y --setopt=gpgcheck=0 install httpd
# want: package-signature-check-disabled "rpm --nosignature"
RUN rpm -i --nosignature https://example.com/x.rpm
