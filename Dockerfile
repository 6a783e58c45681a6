# msgchoice: the Slack app (`msgchoice serve`) in a small image.
# Configure with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (HTTP mode) or
# SLACK_APP_TOKEN (Socket Mode), and DATABASE_URL for PostgreSQL; see docs/DEPLOY.md.
# Dependencies come pinned, with hashes, from requirements.lock (made by
# `uv pip compile`, see its first lines; regenerate it after changing pyproject.toml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MSGCHOICE_HOME=/data

WORKDIR /app
# The pinned dependencies first: this layer is rebuilt only when the lock file changes.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install --no-deps . \
 && groupadd --system --gid 10001 msgchoice \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --create-home msgchoice \
 && msgchoice knowledge check

# A numeric user, so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
VOLUME ["/data"]
EXPOSE 3000
# GET /healthz answers 200 while the database answers (Socket Mode serves it too).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=4)"]
CMD ["msgchoice", "serve", "--port", "3000"]
