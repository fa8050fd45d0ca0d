FROM nginx:1.27
EXPOSE 80/tcp 53/udp 9000/sctp
EXPOSE 8080
# An unknown protocol is another rule's business (expose-invalid-port).
EXPOSE 80/HTTP
ARG PROTO=TCP
EXPOSE 8443/${PROTO}
