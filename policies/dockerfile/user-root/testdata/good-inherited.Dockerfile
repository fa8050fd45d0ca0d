FROM alpine:3.20 AS base
RUN adduser -D -u 10001 app
USER 10001:10001

# The final stage inherits USER 10001 from its parent stage.
FROM base
COPY app /app
