# A builder stage's cache never reaches the image.
FROM centos:7 AS build
RUN yum install -y gcc make

FROM centos:7
RUN yum install -y httpd && yum clean all
RUN yum -y update \
    && yum -y install git \
    && rm -rf /var/cache/yum
RUN --mount=type=cache,target=/var/cache/yum yum -y install tar
RUN yum -y install vim && yum clean packages
# Only reading commands.
RUN yum list installed
RUN echo "yum install -y httpd"
