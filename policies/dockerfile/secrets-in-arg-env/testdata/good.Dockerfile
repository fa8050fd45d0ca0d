# Builder stages do not reach the shipped image.
FROM node:22-slim AS deps
ARG NPM_TOKEN
ENV NPM_TOKEN=${NPM_TOKEN}
RUN npm ci

FROM node:22-slim
# The recommended way: a secret mount.
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
# Names that describe a secret rather than hold it.
ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password \
    PASSWORD_MIN_LENGTH=12 \
    TOKEN_URL=https://auth.example.com/oauth/token \
    SECRETS_DIR=/run/secrets \
    JWT_SECRET_PATH=/etc/jwt \
    API_KEY_HEADER=X-Api-Key \
    VAULT_TOKEN_TTL=1h \
    REQUIRE_PASSWORD=true \
    NEXT_PUBLIC_API_KEY=pk_live_public
# Public keys and key ids: official images set GPG_KEY.
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
ENV KEY_ID=0x1234 KEYRING=/usr/share/keyrings/acme.gpg SSH_KEY_TYPE=ed25519
# Words that only contain a secret word.
ENV TOKENIZERS_PARALLELISM=false PASSTHROUGH=1 KEYCLOAK_VERSION=25.0 BYPASS=0
# A placeholder that frameworks accept at build time.
ENV SECRET_KEY_BASE_DUMMY=placeholder
# Empty values clear a variable; paths and booleans are not secrets.
ENV DB_PASSWORD=""
ARG ADMIN_PASSWORD=/run/secrets/admin
ENV AUTH_TOKEN=false
# Secret words in a value or in a RUN are not names.
ENV HINT="set the password with --secret"
RUN echo "ARG TOKEN=abc" > /dev/null
