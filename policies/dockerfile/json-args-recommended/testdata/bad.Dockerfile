FROM node:22-slim AS base
WORKDIR /app
# want: json-args-recommended "shell-form CMD \"node server.js\""
CMD node server.js

FROM base
# want: json-args-recommended "shell-form ENTRYPOINT \"/usr/local/bin/docker-entrypoint.sh --serve\""
ENTRYPOINT /usr/local/bin/docker-entrypoint.sh --serve
# want: json-args-recommended
cmd npm run start -- \
    --port 8080

FROM node:22-slim AS other
# A SHELL after the CMD does not apply to it.
# want: json-args-recommended "echo \$\{GREETING\}"
CMD echo ${GREETING}
SHELL ["/bin/bash", "-c"]
