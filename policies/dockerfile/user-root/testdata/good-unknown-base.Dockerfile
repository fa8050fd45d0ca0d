# The base image is chosen at build time: its default user cannot be known.
ARG REPO
FROM $REPO:8.0-alpine
COPY app /app
CMD ["/app"]
