FROM debian:12.5
# want: wget-no-progress
RUN wget https://example.com/tool.tgz
# want: wget-no-progress
RUN wget -O /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz
