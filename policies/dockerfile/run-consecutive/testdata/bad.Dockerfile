FROM debian:12.5
RUN apt-get update && apt-get install -y --no-install-recommends curl
# a comment does not separate them
# want: run-consecutive
RUN curl -fsSL https://example.com/x -o /x
