FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl apt-utils apt-transport-https && rm -rf /var/lib/apt/lists/*
RUN apt-cache policy curl && apt-mark hold curl && apt-key list && apt-config dump
RUN echo "apt install curl" > /notes.txt
RUN printf 'APT::Install-Recommends "false";\n' > /etc/apt/apt.conf.d/99norecommends
# apt list has no apt-get equivalent.
RUN apt list --installed > /installed.txt
RUN ls /etc/apt/sources.list.d/
