FROM node:22-slim
# A single command: the shell replaces itself with it.
CMD ["sh", "-c", "node server.js"]
ENTRYPOINT ["/bin/sh", "-c", "node migrate.js && exec node server.js \"$@\"", "--"]
