FROM node:22-slim
WORKDIR /app
# good.Dockerfile.dockerignore beside this file is its ignore file.
COPY . .
