FROM node:22-slim
COPY package.json package-lock.json /app/
COPY --chown=node:node src /app/src
COPY ["one.txt", "two.txt", "/opt/x/"]
ARG DEST=/app/
COPY a.txt b.txt $DEST
COPY --from=build /out/app /usr/local/bin/app
