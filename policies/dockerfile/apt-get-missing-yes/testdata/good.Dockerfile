FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get install --yes --no-install-recommends git
RUN apt-get install --assume-yes --no-install-recommends git
RUN apt-get -qy install --no-install-recommends git
RUN apt-get -yq --no-install-recommends install git
# -qq implies -y for apt-get.
RUN apt-get -qq install --no-install-recommends git
RUN apt-get -q -q install --no-install-recommends git
RUN apt-get --quiet=2 install --no-install-recommends git
RUN apt-get -o APT::Get::Assume-Yes=true install --no-install-recommends git
RUN apt-get -oAPT::Get::Assume-Yes=1 install --no-install-recommends git
RUN apt-get install -s git
RUN apt-get install --dry-run git
RUN yes | apt-get install --no-install-recommends git
RUN sudo apt-get -y purge curl
RUN sh -c "apt-get -y dist-upgrade"
# Subcommands that never ask.
RUN apt-get update && apt-get clean && apt-get download curl && apt-get source hello
RUN apt-cache policy curl
RUN apt-get --print-uris -y install curl
RUN echo "apt-get install curl" > /notes.txt
ONBUILD RUN apt-get install -y --no-install-recommends make
RUN apt-get -o Dpkg::Options::=--force-confnew -y install --no-install-recommends git
RUN <<EOF
apt-get update
apt-get install -y --no-install-recommends curl
EOF
