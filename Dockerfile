FROM python:3.11-slim

# WeasyPrint needs Pango (and HarfBuzz, fontconfig) plus real fonts for the SKP PDF.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 skp
WORKDIR /src

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY skp_domain ./skp_domain
COPY conversations ./conversations
COPY templates ./templates
# A regular (non-editable) install: the templates and migrations ship as package data.
RUN pip install --no-cache-dir --no-deps . && rm -rf /src/build

USER skp
WORKDIR /data
ENV DATABASE_URL=sqlite:////data/skp-bot.sqlite3 PYTHONUNBUFFERED=1
VOLUME ["/data"]
CMD ["skp-bot", "run"]
