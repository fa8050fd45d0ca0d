FROM fedora:40
# want: dnf-unpinned "package \"httpd\""
RUN dnf install -y httpd && dnf clean all
# want: dnf-unpinned "package \"shadow-utils\""
RUN microdnf install -y --nodocs shadow-utils
# want: dnf-unpinned "package \"nodejs\""
RUN dnf -y module install nodejs
