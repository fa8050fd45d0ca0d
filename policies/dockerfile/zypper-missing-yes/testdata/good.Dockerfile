FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean --all
RUN zypper --non-interactive dup && zypper in -y git
RUN zypper install --no-confirm vim
# A group of global short options.
RUN zypper -qn update
# Subcommands that never ask.
RUN zypper refresh && zypper search curl && zypper clean
