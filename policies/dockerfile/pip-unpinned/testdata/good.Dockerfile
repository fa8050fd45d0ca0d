FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3 "uvicorn[standard]==0.30.1" 'attrs~=23.2' six===1.16.0
RUN pip install --no-cache-dir "requests==2.32.3; python_version >= '3.8'"
RUN pip install --no-cache-dir -r /tmp/requirements.txt --requirement=/tmp/dev.txt
RUN pip install --no-cache-dir -c /tmp/constraints.txt flask gunicorn
RUN pip install --no-cache-dir --constraint=/tmp/constraints.txt flask
RUN pip install --no-cache-dir --no-index --find-links /wheels flask
# Local projects, archives, URLs, direct references and expansions.
RUN pip install --no-cache-dir . ./lib /src/pkg -e /src/app --editable=.
RUN pip install --no-cache-dir /tmp/app-1.0-py3-none-any.whl dist/tool-2.0.tar.gz
RUN pip install --no-cache-dir git+https://github.com/acme/tool@v1.2.3 https://example.org/pkg-1.0.tar.gz
RUN pip install --no-cache-dir "tool @ https://example.org/tool-1.0.whl"
RUN pip install --no-cache-dir $PACKAGES "${EXTRA_PACKAGE}" "flask==${FLASK_VERSION}"
# Flag values are not packages.
RUN pip install --no-cache-dir --target /opt/lib --trusted-host pypi.example.org --index-url https://pypi.example.org/simple flask==3.0.3
# Other pip subcommands and look-alikes.
RUN pip uninstall -y flask && pip download flask && pip show flask
RUN pipx install black && uv pip install --system flask
RUN echo "pip install flask" > /notes.txt
RUN python3 /app/manage.py -m pip install flask
ONBUILD RUN pip install --no-cache-dir rich==13.7.1
