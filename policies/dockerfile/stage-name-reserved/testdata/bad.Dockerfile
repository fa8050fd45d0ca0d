# want: stage-name-reserved "\"scratch\" is reserved"
FROM alpine:3.20 AS scratch
# want: stage-name-reserved "\"Context\""
FROM alpine:3.20 AS Context
