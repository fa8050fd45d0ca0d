FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# The update feeds a script that installs.
RUN apt-get update && ./install-deps.sh
RUN echo "apt-get update"
