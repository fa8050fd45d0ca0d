FROM python:3.12-slim
# An ARG is in the environment of the RUNs after it.
ARG PIP_NO_CACHE_DIR=yes
RUN python -m pip install rich==13.7.1
