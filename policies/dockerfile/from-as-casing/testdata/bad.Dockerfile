# want: from-as-casing "\"as\" does not match the casing of \"FROM\": write \"AS\""
FROM golang:1.22 as build
# want: from-as-casing "\"AS\" does not match the casing of \"from\": write \"as\""
from build AS test
# want: from-as-casing "\"As\""
FROM debian:12.5 As runtime
