FROM centos:7
RUN yum install -y httpd && yum clean all
# -y in a group of short flags, and before the subcommand.
RUN yum -qy update && yum -y --setopt=tsflags=nodocs install git
RUN yum install --assumeyes vim && yum --setopt=assumeyes=1 remove vim
# Subcommands that never ask.
RUN yum makecache && yum list installed && yum info httpd && yum clean all
# yes answers every prompt.
RUN yes | yum install httpd
# The word yum in a string is not a command.
RUN echo "yum install httpd"
