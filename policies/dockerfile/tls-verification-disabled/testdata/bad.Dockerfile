FROM debian:12.5 AS build
# want: tls-verification-disabled "curl -k"
RUN curl -fsSLk https://example.com/tool.tgz -o /tmp/tool.tgz
# want: tls-verification-disabled "wget --no-check-certificate"
RUN wget --no-check-certificate -q https://example.com/x

FROM python:3.12-slim
# want: tls-verification-disabled "pip --trusted-host"
RUN pip install --no-cache-dir --trusted-host pypi.internal -r requirements.txt
# want: tls-verification-disabled "npm strict-ssl false"
RUN npm config set strict-ssl false
# want: tls-verification-disabled "git http.sslVerify"
RUN git -c http.sslVerify=false clone https://git.internal/x.git
# want: tls-verification-disabled "git http.sslVerify"
RUN git config --global http.sslverify false
# want: tls-verification-disabled "curl --insecure"
RUN sh -c 'curl --insecure https://example.com/x | tar -x'
# want: tls-verification-disabled "dnf sslverify=0"
RUN dnf -y --setopt=sslverify=0 install httpd
