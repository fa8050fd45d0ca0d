FROM debian:12.5
# want: curl-pipe-shell "sh runs a script piped from curl without verifying it"
RUN curl -fsSL https://get.example.com | sh
RUN apt-get update \
# want: curl-pipe-shell "bash runs a script piped from wget"
 && wget -qO- https://deb.example.org/setup.sh | bash -s -- --channel stable \
 && rm -rf /var/lib/apt/lists/*
# want: curl-pipe-shell "bash runs a script piped from curl"
RUN curl -sSL https://install.example.io | sudo -E bash -
# want: curl-pipe-shell
RUN curl -fsSL https://example.org/install.sh | tee /tmp/install.log | sh -e
# want: curl-pipe-shell "sh runs a script downloaded by curl"
RUN sh -c "$(curl -fsSL https://raw.example.com/install.sh)"
# want: curl-pipe-shell "bash runs a script downloaded by wget"
RUN bash <(wget -qO- https://example.org/setup.sh)
# want: curl-pipe-shell
ONBUILD RUN curl -fsSL https://get.example.com | sh
# want: curl-pipe-shell
RUN ["/bin/sh", "-c", "wget -O - https://example.org/install.sh | sh"]
# want: curl-pipe-shell
RUN curl -fsSL https://example.org/i.sh | env FOO=1 /bin/bash -x
