FROM debian:12.5
RUN curl -fsSL https://example.com/a -o /tmp/a
# Only a condition: wget is not used to download.
RUN command -v wget || echo "no wget" && echo "wget"
