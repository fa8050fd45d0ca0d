FROM python:3.12-alpine AS build
RUN apk add --no-cache gcc musl-dev

FROM python:3.12-alpine
COPY --from=build /wheels /wheels
# Removed again in the same RUN.
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && pip install --no-cache-dir /wheels/* \
    && apk del .build-deps
RUN apk add --no-cache libpq
CMD ["python", "-m", "app"]
