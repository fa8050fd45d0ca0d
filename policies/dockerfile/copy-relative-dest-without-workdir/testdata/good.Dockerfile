FROM node:22-slim AS base
WORKDIR /app

# WORKDIR carries over from the stage this one is built FROM.
FROM base
COPY package.json ./

FROM python:3.12-slim
COPY requirements.txt /app/
ARG DIR=/srv
COPY app.py $DIR/app.py
FROM scratch
COPY --from=0 /out .
