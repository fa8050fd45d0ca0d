FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get -o APT::Install-Recommends=false install -y git
# Mentioning the words in a string is not running the command.
RUN echo "apt-get install curl" > /notes.txt
