# A builder stage may hold a credential for the build.
FROM node:22-slim AS build
WORKDIR /app
COPY .npmrc package.json package-lock.json ./
RUN npm ci && rm .npmrc

FROM node:22-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
# Certificates, public keys and templates are not secrets.
COPY certs/ca.pem /usr/local/share/ca-certificates/ca.crt
COPY deploy/id_ed25519.pub /etc/ssh/authorized_keys
COPY .env.example ./.env
COPY keyboard.json keys.txt ./
