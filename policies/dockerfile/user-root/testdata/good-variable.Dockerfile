FROM nginxinc/nginx-unprivileged:1.27 AS web
COPY site/ /usr/share/nginx/html/

FROM node:22-slim
ARG APP_UID=1000
# A variable cannot be judged.
USER ${APP_UID}
CMD ["node", "server.js"]
