#!/usr/bin/env bash
# `make run`: migrate, seed once, then the web server and the task worker together.
# It serves reSTART as its users meet it: DEBUG off, static files through whitenoise, the
# translated error pages, gunicorn (no server banner). `DEBUG=1 make run` gives Django's
# development server and debug pages instead.
set -euo pipefail
cd "$(dirname "$0")/.."
# Local configuration, if any (see .env.example).
if [ -f .env ]; then set -a; . ./.env; set +a; fi
export DEBUG=${DEBUG:-0}
port=${PORT:-8000}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$port}
py=.venv/bin/python
var=${VAR_DIR:-var}
static=${STATIC_ROOT:-$var/static}

$py manage.py migrate --noinput -v 0
if [ ! -f "$var/.demo-seeded" ]; then
  $py manage.py seed_demo && touch "$var/.demo-seeded"
fi

debug=$($py -c 'import sys; from restart.env import env_bool; sys.stdout.write("1" if env_bool("DEBUG") else "0")')
if [ "$debug" = 0 ]; then
  # Collect only when a static file or the installed packages changed: a second start stays fast.
  manifest="$static/staticfiles.json"
  if [ ! -f "$manifest" ] || [ .venv/.installed -nt "$manifest" ] \
      || [ -n "$(find restart -path '*/static/*' -type f -newer "$manifest" -print -quit)" ]; then
    $py manage.py collectstatic --noinput -v 0
  fi
fi

$py manage.py db_worker --no-startup-delay &
worker=$!
if [ "$debug" = 1 ]; then
  $py manage.py runserver "127.0.0.1:$port" &
else
  .venv/bin/gunicorn restart.wsgi --bind "127.0.0.1:$port" --workers 2 --access-logfile - --log-level warning &
fi
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
  E-mails are written to var/mail/.  Stop with Ctrl-C.  Debug pages: DEBUG=1 make run

BANNER
wait -n "$web" "$worker"
