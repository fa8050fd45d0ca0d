FROM nginx:1.27
# want: expose-invalid-port "exposed port \"8080:80\" maps a host port"
EXPOSE 8080:80
# want: expose-invalid-port "\"127.0.0.1:9000:9000/tcp\" maps"
EXPOSE 127.0.0.1:9000:9000/tcp
# want: expose-invalid-port "\"70000\" is not a valid port"
EXPOSE 70000
# want: expose-invalid-port "\"0/udp\" is not a valid port"
EXPOSE 80 0/udp
# want: expose-invalid-port "\"9010-9000\""
EXPOSE 9010-9000
# want: expose-invalid-port "\"http\""
EXPOSE "http"
# want: expose-invalid-port "unknown protocol \"icmp\""
EXPOSE 53/icmp
# want: expose-invalid-port "\"443/\" is not a valid port"
EXPOSE 443/
# want: expose-invalid-port "\"80/tcp/udp\""
EXPOSE 80/tcp/udp
