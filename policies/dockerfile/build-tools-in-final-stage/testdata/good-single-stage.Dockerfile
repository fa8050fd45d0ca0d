# A single-stage build has no earlier stage to move the tools to.
FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*
CMD ["/usr/local/bin/app"]
