FROM golang:1.22 AS build
HEALTHCHECK CMD ["true"]
RUN go build -o /out/app ./...

# want: healthcheck-missing
FROM debian:12.5
COPY --from=build /out/app /app
CMD ["/app"]
