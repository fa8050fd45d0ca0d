FROM node:22-slim AS build
# want: workdir-relative "relative WORKDIR \"app\""
WORKDIR app
RUN npm ci

FROM node:22-slim
WORKDIR /srv
# Relative after an absolute one: BuildKit stays quiet, this rule does not.
# want: workdir-relative "\"web\""
WORKDIR web
# want: workdir-relative "\"\./static\""
WORKDIR "./static"
# want: workdir-relative "\"~/app\""
WORKDIR ~/app
# want: workdir-relative
ONBUILD WORKDIR src
