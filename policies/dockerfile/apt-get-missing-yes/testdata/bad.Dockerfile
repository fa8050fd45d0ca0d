FROM debian:12.5
# want: apt-get-missing-yes "apt-get install without -y"
RUN apt-get update && apt-get install --no-install-recommends curl
RUN apt-get update \
# want: apt-get-missing-yes "apt-get install without -y"
 && apt-get -o Dpkg::Options::=--force-confold install \
      --no-install-recommends \
      git \
 && rm -rf /var/lib/apt/lists/*
# A single -q does not imply -y.
# want: apt-get-missing-yes "apt-get upgrade"
RUN apt-get -q upgrade
# want: apt-get-missing-yes "apt-get purge"
RUN sudo apt-get purge --auto-remove curl
# want: apt-get-missing-yes "apt-get dist-upgrade"
RUN DEBIAN_FRONTEND=noninteractive apt-get dist-upgrade
# want: apt-get-missing-yes "apt-get remove"
RUN apt-get remove vim || true
# -y of another command does not count.
# want: apt-get-missing-yes "apt-get autoremove"
RUN apt-get autoremove && echo -y
# want: apt-get-missing-yes
ONBUILD RUN apt-get install --no-install-recommends make
# want: apt-get-missing-yes
RUN ["apt-get", "install", "--no-install-recommends", "zip"]
# want: apt-get-missing-yes "apt-get build-dep"
RUN sh -c 'apt-get build-dep hello'
# A value attached to -o is not a flag group: -oAcquire::http::Proxy holds a y.
# want: apt-get-missing-yes
RUN apt-get -oAcquire::http::Proxy=http://proxy:3128 install --no-install-recommends jq
