FROM debian:12.5
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        curl \
# want: no-empty-continuation "empty line inside a continued RUN"

        git \
    && rm -rf /var/lib/apt/lists/*
