FROM centos:7
RUN yum install -y httpd-2.4.6-99.el7 mod_ssl-2.4.6 && yum clean all
# A value of a flag is not a package; groups, files, capabilities and variables cannot be judged.
RUN yum -y --setopt tsflags=nodocs install @core /tmp/x.rpm "perl(Foo)" "$PKG" https://example.com/a.rpm
RUN yum -y install ./local-1.0.rpm && yum remove -y httpd
RUN yum -y group install "Development Tools"
