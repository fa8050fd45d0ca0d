ARG NPM_TOKEN
FROM node:22-slim AS base
# want: secrets-in-arg-env "secret-like ARG NPM_TOKEN is kept in the image"
ARG NPM_TOKEN
# want: secrets-in-arg-env "ENV NPM_TOKEN"
ENV NPM_TOKEN=${NPM_TOKEN}
RUN npm ci

FROM base
# want: secrets-in-arg-env "ENV DB_PASSWORD"
# want: secrets-in-arg-env "ENV AWS_SECRET_ACCESS_KEY"
ENV DB_USER=app DB_PASSWORD=changeme AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI"
# want: secrets-in-arg-env "ARG stripeApiKey"
ARG stripeApiKey=sk_test_123
# want: secrets-in-arg-env "ENV SMTP_PASS"
ENV SMTP_PASS smtp-secret
# want: secrets-in-arg-env "ENV APP_KEY"
ENV APP_KEY=base64:Zm9vYmFy
# want: secrets-in-arg-env "ARG GITHUB-AUTH-TOKEN"
ARG GITHUB-AUTH-TOKEN
# want: secrets-in-arg-env "ENV SSH_PRIVATE_KEY"
ENV SSH_PRIVATE_KEY="-----BEGIN OPENSSH PRIVATE KEY-----"
# want: secrets-in-arg-env "ENV REGISTRY_CREDENTIALS"
ENV REGISTRY_CREDENTIALS=user:pass
# want: secrets-in-arg-env "ENV MYSQL_ROOTPASSWORD"
ENV MYSQL_ROOTPASSWORD=hunter2
