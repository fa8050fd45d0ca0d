ARG TAG
ARG IMAGE=
# want: invalid-default-arg-in-from "FROM alpine:\$\{TAG\} is not a valid"
FROM alpine:${TAG}
# want: invalid-default-arg-in-from "FROM \$IMAGE"
FROM $IMAGE
