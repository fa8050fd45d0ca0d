FROM node:22-slim AS build
# want: tls-verification-disabled-env "NODE_TLS_REJECT_UNAUTHORIZED=0"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# want: tls-verification-disabled-env "GIT_SSL_NO_VERIFY=1"
RUN GIT_SSL_NO_VERIFY=1 git clone https://git.internal/x.git
# want: tls-verification-disabled-env "npm_config_strict_ssl=false"
RUN export npm_config_strict_ssl=false && npm ci

FROM python:3.12-slim
# want: tls-verification-disabled-env "PYTHONHTTPSVERIFY=0"
ARG PYTHONHTTPSVERIFY=0
# want: tls-verification-disabled-env "PIP_TRUSTED_HOST=pypi.internal"
ENV PIP_INDEX_URL=https://pypi.internal/simple PIP_TRUSTED_HOST="pypi.internal"
# want: tls-verification-disabled-env "GIT_SSL_NO_VERIFY=true"
RUN env GIT_SSL_NO_VERIFY=true git fetch
