FROM python:3.12-slim AS build
WORKDIR /src
# want: add-instead-of-copy "use COPY instead of ADD for local \"requirements.txt\""
ADD requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
# want: add-instead-of-copy "\"\.\""
ADD . /src

FROM python:3.12-slim
# want: add-instead-of-copy "\"entrypoint.sh\", \"config/\""
ADD --chown=app:app entrypoint.sh config/ /app/
# want: add-instead-of-copy "\"my file.txt\""
ADD ["my file.txt", "/app/"]
# want: add-instead-of-copy
ADD --link *.py /app/
# want: add-instead-of-copy
ONBUILD ADD "settings.ini" /app/
