FROM node:22-slim AS build
ENTRYPOINT ["sh", "-c", "a && b"]

FROM node:22-slim
COPY --chmod=755 <<EOF /entrypoint.sh
#!/bin/sh
set -e
node migrate.js
exec "$@"
EOF
# An unrelated heredoc script that is not the entrypoint.
COPY --chmod=755 <<EOF /usr/local/bin/healthcheck.sh
#!/bin/sh
curl -fsS http://localhost:3000/health
EOF
ENTRYPOINT ["/entrypoint.sh"]
CMD ["sh", "-c", "node migrate.js && node server.js"]
