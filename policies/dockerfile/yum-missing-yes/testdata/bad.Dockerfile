FROM centos:7
# want: yum-missing-yes "yum install without -y"
RUN yum install httpd
RUN yum -q makecache \
# want: yum-missing-yes "yum update"
    && yum update \
    && yum clean all
# want: yum-missing-yes "yum groupinstall"
RUN sudo yum groupinstall "Development Tools"
