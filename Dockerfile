# syntax=docker/dockerfile:1
# The portal's image: one image for the web server, the worker, beat and the e2 sandbox.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
# Dependencies first, in their own layer, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p portal branding \
    && touch portal/__init__.py branding/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall -y reseller-portal
COPY . .

FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings \
    PORTAL_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles
RUN groupadd --system --gid 10001 portal && useradd --system --uid 10001 --gid portal --home-dir /app portal
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app /app
# Static files are collected at build time; the build needs a throwaway key for that alone.
RUN SECRET_KEY=collectstatic-only ENCRYPTION_KEYS=Y29sbGVjdHN0YXRpYy1vbmx5LWtleS0wMDAwMDAwMDA= \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
    && mkdir -p /app/var && chown -R 10001:10001 /app/var
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-class", "gthread", "--threads", "8", "--timeout", "60", "--forwarded-allow-ips", "*"]
