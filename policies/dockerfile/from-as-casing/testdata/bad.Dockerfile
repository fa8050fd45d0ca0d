# want: from-as-casing "keyword \"as\" does not match the casing of \"FROM\": write \"AS\""
FROM golang:1.22 as build
# want: from-as-casing "keyword \"AS\" does not match the casing of \"from\": write \"as\""
from build AS test
# want: from-as-casing "\"As\""
FROM debian:12.5 As runtime
