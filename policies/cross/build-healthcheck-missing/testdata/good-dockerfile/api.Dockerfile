FROM node:22-alpine AS base
HEALTHCHECK CMD wget -qO- http://localhost:3000/health || exit 1

FROM base
USER node
CMD ["node", "server.js"]
