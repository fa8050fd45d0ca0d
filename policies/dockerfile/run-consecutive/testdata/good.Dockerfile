FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl
COPY x /x
RUN chmod +x /x
RUN --mount=type=cache,target=/root/.cache pip install -r /x
