FROM debian:12.5
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        curl \
# a comment line inside the continuation is fine
        git \
    && rm -rf /var/lib/apt/lists/*

RUN echo done
