FROM debian:12.5
RUN curl -fsSL https://example.com/a -o /tmp/a
RUN curl -fsSL https://example.com/b -o /tmp/b
# want: curl-and-wget "wget is used here and curl elsewhere"
RUN wget -q https://example.com/c
RUN wget -q https://example.com/d
