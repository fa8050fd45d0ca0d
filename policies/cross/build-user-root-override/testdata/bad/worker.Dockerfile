FROM python:3.13-slim AS base
RUN useradd --no-log-init -r app
USER app

FROM base
COPY . /srv
CMD ["python", "/srv/worker.py"]
