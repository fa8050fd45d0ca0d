FROM alpine:3.20 AS base
RUN adduser -D app
# The USER of a parent stage carries over to the stages built FROM it.
# want: user-root "USER 0:0"
USER 0:0

FROM base
COPY app /app
