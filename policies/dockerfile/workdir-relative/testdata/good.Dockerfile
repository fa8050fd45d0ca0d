FROM node:22-slim
WORKDIR /app
WORKDIR "/srv/web"
ARG APP_HOME=/opt/app
WORKDIR ${APP_HOME}
WORKDIR $HOME/cache
RUN mkdir -p build && cd build
ONBUILD WORKDIR /app/src

FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\\app
WORKDIR C:/tools
WORKDIR \\data
