# One of each per stage: different stages do not override each other.
FROM python:3.12-slim AS build
CMD ["python", "-m", "build"]
ENTRYPOINT ["/bin/sh", "-c"]
HEALTHCHECK NONE

FROM python:3.12-slim
# The CMD of a HEALTHCHECK and ONBUILD triggers are not CMD instructions of the stage.
HEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/health"]
ONBUILD CMD ["python", "app.py"]
ENTRYPOINT ["gunicorn"]
CMD ["app:wsgi"]
