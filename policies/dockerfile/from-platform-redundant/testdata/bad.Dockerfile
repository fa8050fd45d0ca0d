# want: from-platform-redundant "--platform=\$TARGETPLATFORM"
FROM --platform=$TARGETPLATFORM alpine:3.20
# want: from-platform-redundant "TARGETPLATFORM"
FROM --platform=${TARGETPLATFORM} debian:12.5
