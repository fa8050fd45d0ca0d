FROM python:3.12-slim
# want: pip-unpinned "package \"flask\" is not pinned to a version"
RUN pip install --no-cache-dir flask
# A lower bound is not a pin.
# want: pip-unpinned "package \"requests>=2.31\""
RUN pip install --no-cache-dir -r /tmp/requirements.txt "requests>=2.31"
RUN set -eux \
 && python3 -m pip install --no-cache-dir \
      gunicorn==22.0.0 \
# want: pip-unpinned "package \"uvicorn.standard.\""
      uvicorn[standard] \
 && true
# want: pip-unpinned "package \"pip\""
# want: pip-unpinned "package \"setuptools\""
RUN pip3 install --no-cache-dir --upgrade pip setuptools
# want: pip-unpinned "package \"httpx\""
RUN sudo -H pip install --no-cache-dir --index-url https://pypi.example.org/simple httpx
# want: pip-unpinned "package \"rich\""
ONBUILD RUN pip install --no-cache-dir rich
# want: pip-unpinned "package \"click\""
RUN ["python3.12", "-m", "pip", "install", "--no-cache-dir", "click"]
# want: pip-unpinned "package \"attrs\""
RUN sh -c 'pip install --no-cache-dir attrs'
