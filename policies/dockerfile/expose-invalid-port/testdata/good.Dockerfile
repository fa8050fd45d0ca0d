FROM nginx:1.27
EXPOSE 80
EXPOSE 443/tcp 443/udp
EXPOSE 8000-8010
EXPOSE 5000-5001/sctp
EXPOSE "65535"
# Upper-case protocols are valid (see expose-proto-casing).
EXPOSE 8443/TCP
# Variables cannot be judged.
ARG PORT=8080
EXPOSE ${PORT} $PORT/udp ${DEBUG_PORT:-9229}
RUN echo "EXPOSE 8080:80" > /dev/null
