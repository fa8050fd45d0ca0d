ARG GO_VERSION=1.22
# want: undefined-var "variable ALPINE_VERSION in FROM is not a global ARG: FROM sees only the ARGs declared before the first FROM$"
FROM alpine:${ALPINE_VERSION} AS tools
# want: undefined-var "GO_VERISON in FROM is not a global ARG.*\(did you mean GO_VERSION\?\)"
FROM golang:${GO_VERISON} AS build
ARG APP_NAME=server
# want: undefined-var "variable APP_NAM is not defined \(did you mean APP_NAME\?\)"
COPY ./cmd/${APP_NAM} /src/
# want: undefined-var "variable app_name is not defined \(did you mean APP_NAME\?\)"
WORKDIR /src/$app_name
RUN go build -o /out/app .

FROM scratch AS final
ARG VERSION=dev
# want: undefined-var "variable REVISION is not defined in this stage, which is built from scratch"
LABEL org.opencontainers.image.version=$VERSION org.opencontainers.image.revision=$REVISION
COPY --from=build /out/app /app

# Stages built FROM a scratch stage have nothing from an image either.
FROM final
# want: undefined-var "variable APP_USER is not defined in this stage"
USER ${APP_USER}

FROM scratch AS quoted
ARG VERSION
# Double quotes do not stop expansion, even beside a single-quoted part.
# want: undefined-var "variable VERSON is not defined \(did you mean VERSION\?\)"
LABEL note='literal $X' version="$VERSON"
