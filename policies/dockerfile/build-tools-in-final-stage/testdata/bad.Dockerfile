FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev

FROM python:3.12-slim
COPY --from=build /usr/local/lib/python3.12 /usr/local/lib/python3.12
RUN apt-get update \
# want: build-tools-in-final-stage "build tool \"gcc\""
    && apt-get install -y --no-install-recommends gcc \
# want: build-tools-in-final-stage "build tool \"libpq-dev\""
        libpq-dev \
        libpq5 \
    && rm -rf /var/lib/apt/lists/*
# want: build-tools-in-final-stage "build tool \"build-base\""
RUN apk add --no-cache build-base=0.5-r3
CMD ["python", "-m", "app"]
