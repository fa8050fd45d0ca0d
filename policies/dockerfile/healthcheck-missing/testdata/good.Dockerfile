FROM debian:12.5 AS base
HEALTHCHECK --interval=30s CMD ["/app", "healthcheck"]

# The HEALTHCHECK of the stage it is built FROM carries over.
FROM base
COPY app /app
CMD ["/app"]
