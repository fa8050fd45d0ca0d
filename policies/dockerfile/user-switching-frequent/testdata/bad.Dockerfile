FROM debian:12.5
RUN useradd --no-log-init -r -u 10001 app
USER app
RUN echo one
USER root
RUN echo two
USER app
RUN echo three
# want: user-switching-frequent "USER changes 4 times"
USER root
RUN echo four
