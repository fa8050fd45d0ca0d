# options: {"schema": {"com.example.version": "semver", "com.example.commit": "hash", "com.example.owner": "email", "com.example.team": "text"}}
FROM debian:12.5
# want: label-value-invalid "version=\"1.2\" is not a semantic version"
LABEL com.example.version=1.2
# want: label-value-invalid "commit=\"main\" is not a Git commit hash"
LABEL com.example.commit=main
# want: label-value-invalid "owner=\"team\" is not an e-mail"
LABEL com.example.owner=team com.example.team=core
# want: label-value-invalid "team is empty"
LABEL com.example.team=""
