FROM debian:12.5
# want: label-key-invalid "\"com.docker.compose.project\" uses a namespace reserved"
LABEL com.docker.compose.project=x
# want: label-key-invalid "\"Description\" should use only lower-case"
LABEL Description="an app"
# want: label-key-invalid "\"com.example..team\" repeats"
LABEL "com.example..team"=core
