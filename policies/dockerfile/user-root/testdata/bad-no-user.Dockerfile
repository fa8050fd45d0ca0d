FROM golang:1.22 AS build
RUN go build -o /out/app ./...

# want: user-root "no USER instruction"
FROM debian:12.5 AS runtime
COPY --from=build /out/app /app
CMD ["/app"]
