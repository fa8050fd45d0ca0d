# options: {"exempt": ["pip", "setuptools"]}
FROM python:3.12-slim
RUN pip install --no-cache-dir --upgrade pip Setuptools flask==3.0.3
