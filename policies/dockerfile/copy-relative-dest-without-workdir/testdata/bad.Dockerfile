FROM node:22-slim
# want: copy-relative-dest-without-workdir "COPY to relative \".\""
COPY package.json .
WORKDIR /app
COPY . .

FROM python:3.12-slim
# want: copy-relative-dest-without-workdir "app/"
ADD requirements.txt app/
