# options: {"allowed": ["org.opencontainers.image.*", "com.example.team"]}
FROM debian:12.5
# want: label-unexpected "label com.example.owner is not"
LABEL org.opencontainers.image.title=app com.example.owner=me
