FROM debian:12.5
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ln -sf /usr/bin/python3 /usr/bin/python && ln -s /bin/bash /usr/local/bin/bash5
RUN echo "ln -sf /bin/bash /bin/sh"
