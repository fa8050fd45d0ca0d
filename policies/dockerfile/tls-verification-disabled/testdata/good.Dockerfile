FROM debian:12.5
RUN curl -fsSL https://example.com/tool.tgz -o /tmp/tool.tgz
# -K reads a config file; a k inside a value is not a flag.
RUN curl -K /etc/curlrc -o kernel.tgz https://example.com/k && wget -q https://example.com/x
RUN echo "curl -k is bad" && printf '%s\n' --no-check-certificate
RUN pip install --no-cache-dir --index-url https://pypi.internal/simple -r requirements.txt
RUN npm config set strict-ssl true && git config --global http.sslVerify true
RUN git -c http.sslVerify=true clone https://git.internal/x.git
