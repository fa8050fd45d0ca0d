FROM node:22-slim
WORKDIR /app
RUN echo "the first COPY from the context is reported"
# want: dockerignore-missing "COPY copies from the build context"
COPY . .
COPY package.json ./
