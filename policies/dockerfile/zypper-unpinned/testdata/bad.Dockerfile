FROM opensuse/leap:15.6
# want: zypper-unpinned "package \"curl\""
RUN zypper -n install curl && zypper clean
# want: zypper-unpinned "package \"git\""
RUN zypper -n --gpg-auto-import-keys in -y --from repo-oss git
