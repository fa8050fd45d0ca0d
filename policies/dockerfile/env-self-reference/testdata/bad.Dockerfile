FROM debian:12.5
# want: env-self-reference "B uses \$A"
ENV A=/opt/app B="${A}/bin"
# want: env-self-reference "PATH uses \$JAVA_HOME"
ENV JAVA_HOME=/opt/java PATH=$JAVA_HOME/bin:$PATH
