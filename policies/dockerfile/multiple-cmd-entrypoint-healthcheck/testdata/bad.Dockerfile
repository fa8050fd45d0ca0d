FROM python:3.12-slim AS build
# want: multiple-cmd-entrypoint-healthcheck "only the last CMD of a stage takes effect"
CMD ["python", "-m", "build"]
CMD ["python", "-m", "pytest"]

FROM python:3.12-slim
# want: multiple-cmd-entrypoint-healthcheck "last ENTRYPOINT"
ENTRYPOINT ["/entrypoint.sh"]
# want: multiple-cmd-entrypoint-healthcheck "last HEALTHCHECK"
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:8000/health"]
# want: multiple-cmd-entrypoint-healthcheck "last CMD"
CMD ["--help"]
# want: multiple-cmd-entrypoint-healthcheck "last CMD"
CMD ["serve"]
ENTRYPOINT ["gunicorn"]
HEALTHCHECK NONE
CMD ["app:wsgi"]
