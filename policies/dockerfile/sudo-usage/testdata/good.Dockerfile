FROM debian:12.5
USER root
# Installing the sudo package is not using it.
RUN apt-get update && apt-get install -y --no-install-recommends sudo && rm -rf /var/lib/apt/lists/*
RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app && chmod 0440 /etc/sudoers.d/app
RUN echo "run sudo apt-get if you must" > /notes.txt
RUN command -v sudo
RUN which sudo || true
RUN gosu nobody true
RUN grep -q sudo /etc/group
USER app
