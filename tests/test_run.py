"""`make run` and commands typed by hand: DEBUG off, a secret key made once, the user's error pages."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _clean_env(var_dir: Path) -> dict:
    # What a shell on the server has: no DEBUG, no SECRET_KEY. Only the data folder is moved
    # into the test's own temporary folder.
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "VAR_DIR": str(var_dir)}


def _run(args: list[str], var_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=_clean_env(var_dir), capture_output=True, text=True, timeout=120)


def test_without_configuration_debug_is_off_and_a_secret_key_is_made_once_for_the_owner_only(tmp_path):
    show = "from django.conf import settings; print(settings.DEBUG, settings.SECRET_KEY, settings.ALLOWED_HOSTS)"
    command = [sys.executable, "-c", f"import django; django.setup(); {show}"]
    env_command = ["env", "DJANGO_SETTINGS_MODULE=restart.settings", *command]
    first = _run(env_command, tmp_path)
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret-key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    debug, key, hosts = first.stdout.split(" ", 2)
    assert debug == "False" and len(key) >= 50 and key == key_file.read_text().strip()
    assert hosts.strip() == "['127.0.0.1', 'localhost']"
    assert _run(env_command, tmp_path).stdout == first.stdout  # the same key the next time
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret-key")] == []


def test_the_readme_otp_code_command_works_as_written(tmp_path):
    assert _run([sys.executable, "manage.py", "migrate", "-v", "0"], tmp_path).returncode == 0
    make_demo_login = (
        "from django_otp.plugins.otp_totp.models import TOTPDevice; from restart.staff.models import User; "
        "u = User.objects.create_user('manager@restart.example', 'restart-demo-2026', full_name='M'); "
        "TOTPDevice.objects.create(user=u, name='demo', confirmed=True)"
    )
    assert _run([sys.executable, "manage.py", "shell", "-c", make_demo_login], tmp_path).returncode == 0

    # Exactly the line the README and `make run` print.
    result = _run([".venv/bin/python", "manage.py", "otp_code", "manager@restart.example"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit() and len(result.stdout.strip()) == 6


def test_a_missing_page_is_the_translated_404_page_not_the_technical_one(client, db):
    assert not settings.DEBUG
    response = client.get("/uk/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Сторінку не знайдено" in html
    assert "URLconf" not in html and "Page not found at" not in html
