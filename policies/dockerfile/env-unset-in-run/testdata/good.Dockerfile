FROM debian:12.5 AS build
ENV TOKEN=x
RUN unset TOKEN

FROM debian:12.5
RUN DEBIAN_FRONTEND=noninteractive apt-get update && unset DEBIAN_FRONTEND
RUN export X=1 && unset X
ENV LATER=1
