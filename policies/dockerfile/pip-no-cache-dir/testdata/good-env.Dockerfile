FROM python:3.12-slim AS base
ENV PIP_NO_CACHE_DIR=1
RUN pip install gunicorn==22.0.0

FROM base
# PIP_NO_CACHE_DIR set in a stage this one is built FROM still applies.
RUN pip install --no-index --find-links /wheels flask
