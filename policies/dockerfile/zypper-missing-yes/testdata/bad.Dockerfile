FROM opensuse/leap:15.6
# want: zypper-missing-yes "zypper install without"
RUN zypper install curl
# want: zypper-missing-yes "zypper dup"
RUN zypper --gpg-auto-import-keys refresh && zypper dup
