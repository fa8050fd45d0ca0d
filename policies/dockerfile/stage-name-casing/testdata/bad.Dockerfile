# want: stage-name-casing "stage name \"Build\" should be lower case \(\"build\"\)"
FROM golang:1.22 AS Build
# want: stage-name-casing "\"TEST_RUNNER\""
FROM Build AS TEST_RUNNER
FROM debian:12.5
COPY --from=Build /out /app
