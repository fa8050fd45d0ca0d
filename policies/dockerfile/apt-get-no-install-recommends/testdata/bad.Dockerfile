FROM debian:12.5
# want: apt-get-no-install-recommends
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get update \
# want: apt-get-no-install-recommends "without --no-install-recommends"
 && apt-get install -y \
      git \
      make \
 && rm -rf /var/lib/apt/lists/*
# want: apt-get-no-install-recommends
RUN sudo apt-get install -y vim
