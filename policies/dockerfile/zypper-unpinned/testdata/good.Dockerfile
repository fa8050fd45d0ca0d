FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 'git>=2.45' && zypper clean
RUN zypper -n in -t pattern devel_basis
RUN zypper -n remove vim && zypper -n refresh
