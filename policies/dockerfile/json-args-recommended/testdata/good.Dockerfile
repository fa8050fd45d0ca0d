FROM node:22-slim AS base
CMD ["node", "server.js"]
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
# exec replaces the shell with the program.
CMD exec node server.js
HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1
RUN node --version

FROM mcr.microsoft.com/powershell:lts-alpine-3.17 AS ps
SHELL ["pwsh", "-Command"]
CMD Write-Host "ready"

# The SHELL of a parent stage carries over.
FROM ps
ENTRYPOINT Start-App -Verbose
