FROM nginx:1.27
# want: expose-proto-casing "protocol \"TCP\" in EXPOSE \"80/TCP\" should be lower case"
EXPOSE 80/TCP
# want: expose-proto-casing "\"Udp\""
# want: expose-proto-casing "\"SCTP\""
EXPOSE 53/Udp 9000-9001/SCTP
