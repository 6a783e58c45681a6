# msgchoice: the Slack app (`msgchoice serve`) in a small image.
# Configure with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET (HTTP mode) or
# SLACK_APP_TOKEN (Socket Mode), and DATABASE_URL for PostgreSQL.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    MSGCHOICE_HOME=/data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install . \
 && useradd --system --home-dir /data --create-home msgchoice \
 && msgchoice knowledge check

USER msgchoice
VOLUME ["/data"]
EXPOSE 3000
CMD ["msgchoice", "serve", "--port", "3000"]
