FROM python:3.12-slim
COPY --chmod=755 <<EOF /usr/local/bin/entrypoint.sh
#!/bin/sh
set -e
python manage.py migrate
# want: entrypoint-without-exec "entrypoint script /usr/local/bin/entrypoint.sh never uses exec"
gunicorn app.wsgi
EOF
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
