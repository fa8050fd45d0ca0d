ARG GO_VERSION=1.22
ARG DISTRO
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
ARG TARGETOS TARGETARCH
# Global ARGs must be redeclared in a stage; a default never expands to nothing.
ARG GO_VERSION
ENV CGO_ENABLED=0 GOOS=${TARGETOS} GOARCH=$TARGETARCH
# Variables the base image sets (PATH, GOPATH) are invisible here and not reported.
ENV PATH=/usr/local/go/bin:$PATH GOBIN=$GOPATH/bin
WORKDIR ${SRC_DIR:-/src}
COPY --chown=${APP_UID:-1000} . .
# RUN, CMD and ENTRYPOINT are expanded by the shell at run time.
RUN echo "$UNDEFINED_AT_BUILD" && go build -o /out/app .
CMD echo $HOMEDIR
# Single quotes keep a literal $.
ENV PS1='$USR> '
# A short name close to a defined one is not taken for a typo.
ENV GO=1
LABEL tool=$GP

# A global ARG without a default is defined.
FROM debian:${DISTRO:-bookworm} AS runtime
ENV APP_HOME=/opt/app
COPY --from=build /out/app ${APP_HOME}/bin/
# ONBUILD triggers expand in the child build.
ONBUILD COPY ${APP_SRC} ${APP_HOME}/src

FROM scratch
ARG VERSION
LABEL version=$VERSION
COPY --from=build /out/app /app
# A $ in single quotes is literal even when the instruction also expands a variable.
LABEL note='costs $AMOUNT' version=$VERSION
