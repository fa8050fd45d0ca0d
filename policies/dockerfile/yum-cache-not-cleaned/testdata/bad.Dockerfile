FROM centos:7 AS build
RUN yum install -y gcc make

FROM centos:7
# want: yum-cache-not-cleaned "yum install"
RUN yum install -y httpd
# Cleaning before the last install is too early.
# want: yum-cache-not-cleaned "yum update"
RUN yum -y update && yum clean all && yum -y install git
# want: yum-cache-not-cleaned
ONBUILD RUN yum -y install tar
