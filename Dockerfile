# One image for every doitac process (api, worker, beat, projections); docker-compose.yml
# picks the command. PyICU compiles against the system's ICU.
FROM python:3.11-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential libicu-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . /app
RUN pip install --no-cache-dir -e . \
    && useradd --create-home --uid 1000 doitac \
    && mkdir -p /app/var/beat && chown -R doitac /app/var
USER doitac
