FROM node:22-slim
WORKDIR /app
COPY . .
# want: entrypoint-without-exec "ENTRYPOINT runs \"node\" as a child of the shell"
ENTRYPOINT ["sh", "-c", "node migrate.js && node server.js"]
