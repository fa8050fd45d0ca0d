FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
ENV GREETING="hello world" LANG=C.UTF-8
ENV EMPTY=
ENV A=b \
    C=d
LABEL org.opencontainers.image.authors="ops@example.com"
LABEL "com.example.vendor"="ACME" version=1.0
ONBUILD ENV APP_ENV=production
# ARG has no legacy form.
ARG VERSION
RUN echo "ENV A B" > /dev/null
