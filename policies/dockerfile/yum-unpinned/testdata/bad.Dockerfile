FROM centos:7
# want: yum-unpinned "package \"httpd\""
RUN yum install -y httpd-2.4.6-99.el7 httpd \
# want: yum-unpinned "package \"mod_ssl\""
    mod_ssl && yum clean all
# want: yum-unpinned "package \"git\""
RUN yum -y --enablerepo epel install git
