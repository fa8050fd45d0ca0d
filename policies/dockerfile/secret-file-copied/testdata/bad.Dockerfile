FROM node:22-slim
WORKDIR /app
# want: secret-file-copied "\.npmrc"
COPY .npmrc package.json package-lock.json ./
# want: secret-file-copied "a private SSH key"
COPY ./deploy/id_ed25519 /root/.ssh/id_ed25519
# want: secret-file-copied "environment secrets"
COPY .env.production ./.env
# want: secret-file-copied "a private key"
ADD certs/server.key /etc/ssl/private/
# want: secret-file-copied "cloud credentials"
COPY ["gcp/credentials.json", "/app/credentials.json"]
