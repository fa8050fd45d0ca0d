FROM opensuse/leap:15.6
# want: zypper-cache-not-cleaned "zypper install"
RUN zypper -n install curl
# want: zypper-cache-not-cleaned "zypper ref"
RUN zypper -n ref && zypper -n in git
