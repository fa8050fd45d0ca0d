FROM node:22-slim
WORKDIR /app
# want: copy-ignored-file "COPY source \"dist\" is excluded by bad.Dockerfile.dockerignore"
COPY dist/ ./dist/
# want: copy-ignored-file "\"secrets/api.key\""
COPY package.json secrets/api.key ./
