FROM debian:12.5
RUN wget --progress=dot:giga https://example.com/tool.tgz
RUN wget -qO- https://example.com/x.tgz | tar -xz && wget -nv https://example.com/y
RUN wget --no-verbose https://example.com/z && wget -o /tmp/log https://example.com/w
RUN echo "wget https://example.com"
