FROM python:3.12-slim AS build
# A builder stage whose files are copied out leaves its cache behind.
RUN pip wheel --wheel-dir /wheels flask==3.0.3 && pip install /wheels/*

FROM python:3.12-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir -r /tmp/requirements.txt
RUN pip3 --no-cache-dir install uvicorn==0.30.1
RUN python3 -m pip install --no-cache-dir httpx==0.27.0
RUN --mount=type=cache,target=/root/.cache/pip pip install rich==13.7.1
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1000 pip install click==8.1.7
RUN export PIP_NO_CACHE_DIR=1 && pip install attrs==23.2.0
RUN env PIP_NO_CACHE_DIR=true pip install idna==3.7
RUN sh -c 'pip install --no-cache-dir six==1.16.0'
# Other pip subcommands and look-alikes.
RUN pip uninstall -y setuptools && pip list && pip freeze > /freeze.txt
RUN pip download -d /tmp/pkgs requests==2.32.3
RUN python3 -c "print('pip install x')" && python3 /app/manage.py -m pip install
RUN echo "pip install flask" > /notes.txt
RUN pipx install black==24.4.2
ONBUILD RUN pip install --no-cache-dir -e /src
