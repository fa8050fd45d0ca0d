FROM python:3.12-slim AS base
ARG PIP_NO_CACHE_DIR=1
RUN pip install gunicorn==22.0.0

FROM base
# An ARG of the stage this one is built FROM does not reach its RUNs.
# want: pip-no-cache-dir
RUN pip install flask==3.0.3
