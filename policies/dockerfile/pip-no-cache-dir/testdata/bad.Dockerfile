FROM python:3.12-slim AS base
# want: pip-no-cache-dir "pip install without --no-cache-dir"
RUN pip install --upgrade pip==24.0

FROM base
COPY requirements.txt /tmp/
# want: pip-no-cache-dir
RUN pip3 install -r /tmp/requirements.txt
RUN set -eux \
# want: pip-no-cache-dir
 && python3 -m pip install \
      --require-hashes \
      -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt
# want: pip-no-cache-dir
RUN sudo -H pip install gunicorn==22.0.0
# want: pip-no-cache-dir
ONBUILD RUN pip install -e /src
# want: pip-no-cache-dir
RUN ["pip", "install", "uvicorn==0.30.1"]
# A cache mount elsewhere does not help.
# want: pip-no-cache-dir
RUN --mount=type=cache,target=/root/.npm pip install httpx==0.27.0
# PIP_NO_CACHE_DIR=0 leaves the cache on.
ENV PIP_NO_CACHE_DIR=0
# want: pip-no-cache-dir
RUN python -m pip install rich==13.7.1
# Setting it later in the stage is too late for the RUN above it.
# want: pip-no-cache-dir
RUN pip install click==8.1.7
ENV PIP_NO_CACHE_DIR=1
