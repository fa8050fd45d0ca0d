FROM debian:12.5
ENV A=/opt/app
ENV B="${A}/bin" PATH=/opt/app/bin:$PATH
# Single quotes keep the $ literal.
ENV C=1 D='$C'
