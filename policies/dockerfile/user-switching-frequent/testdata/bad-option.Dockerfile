# options: {"max_switches": 1}
FROM debian:12.5
USER root
# want: user-switching-frequent "USER changes 2 times in this stage \(more than 1\)"
USER app
