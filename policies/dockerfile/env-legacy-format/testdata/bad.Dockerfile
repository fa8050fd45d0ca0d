FROM python:3.12-slim
# want: env-legacy-format "legacy \"ENV PYTHONUNBUFFERED value\" form: write ENV PYTHONUNBUFFERED=<value>"
ENV PYTHONUNBUFFERED 1
# The whole rest of the line is the value, spaces included.
# want: env-legacy-format "ENV GREETING"
ENV GREETING hello world
# want: env-legacy-format "legacy \"LABEL maintainer value\""
LABEL maintainer "ops@example.com"
# want: env-legacy-format "ENV PATH"
env PATH /opt/venv/bin:$PATH
# want: env-legacy-format
ONBUILD ENV APP_ENV production
