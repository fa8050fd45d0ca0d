FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
