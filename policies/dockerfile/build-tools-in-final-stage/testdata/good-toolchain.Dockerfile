# A toolchain image: the compilers are what it ships, and it runs no program of its own.
FROM debian:12.5 AS fetch
RUN echo "download the toolchain here"

FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make && rm -rf /var/lib/apt/lists/*
COPY --from=fetch /usr/local/go /usr/local/go
CMD ["bash"]
