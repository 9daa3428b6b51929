#!/usr/bin/env bash
# `make run`: migrate, seed once, then the web server and the task worker together.
set -euo pipefail
cd "$(dirname "$0")/.."
# Local configuration, if any (see .env.example).
if [ -f .env ]; then set -a; . ./.env; set +a; fi
export DEBUG=${DEBUG:-1}
port=${PORT:-8000}
py=.venv/bin/python

$py manage.py migrate --noinput -v 0
if [ ! -f var/.demo-seeded ]; then
  $py manage.py seed_demo && touch var/.demo-seeded
fi

$py manage.py db_worker --no-startup-delay &
worker=$!
$py manage.py runserver "127.0.0.1:$port" &
web=$!
stop() { kill "$web" "$worker" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

sleep 2
cat <<BANNER

  reSTART is running:  http://127.0.0.1:$port/
  Staff sign-in:       http://127.0.0.1:$port/pl/staff/

  Demo logins (password: restart-demo-2026):
    manager@restart.example      consultant@restart.example   teacher@restart.example
    coordinator@restart.example  employer@restart.example      lawyer@restart.example (specialist)
  Two-factor code for a demo login:  .venv/bin/python manage.py otp_code manager@restart.example
  E-mails are written to var/mail/.  Stop with Ctrl-C.

BANNER
wait -n "$web" "$worker"
