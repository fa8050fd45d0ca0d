FROM node:22-slim AS build
WORKDIR /app
COPY package.json ./
# Re-included by an exception.
COPY config/app.yaml ./config/
# Copies from a stage are not the context.
FROM node:22-slim
COPY --from=build /app/dist /app/dist
ONBUILD COPY dist /app/dist
