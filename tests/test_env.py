from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from restart.env import database_from_url, env_bool, env_choice, env_int, env_list, env_str


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("TRUE", True), ("0", False), ("off", False)]:
        monkeypatch.setenv("FLAG", raw)
        assert env_bool("FLAG") is expected


def test_env_bool_fails_loudly_on_anything_else(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_int_rejects_text_and_values_below_the_minimum(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1, minimum=1)
    monkeypatch.setenv("N", "7")
    assert env_int("N", 1, minimum=1) == 7


def test_env_list_and_choice(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example, ,b.example ")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("MODE", "carrier-pigeon")
    with pytest.raises(ImproperlyConfigured):
        env_choice("MODE", "smtp", {"smtp", "file"})


def test_env_str_prefers_a_secret_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-file\n")
    monkeypatch.setenv("KEY", "from-env")
    monkeypatch.setenv("KEY_FILE", str(secret))
    assert env_str("KEY") == "from-file"
    monkeypatch.setenv("KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured):
        env_str("KEY")


def test_database_url_for_postgresql_and_sqlite():
    pg = database_from_url("postgresql://app:p%40ss@db.internal:5433/restart", sqlite_default=Path("x.db"))
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "restart",
        "app",
        "p@ss",
        "db.internal",
        "5433",
    )
    default = database_from_url("", sqlite_default=Path("/tmp/x.db"))
    assert default["ENGINE"] == "django.db.backends.sqlite3"
    assert "journal_mode=WAL" in default["OPTIONS"]["init_command"]


def test_database_url_with_an_unknown_scheme_fails_loudly():
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x/y", sqlite_default=Path("x.db"))
    with pytest.raises(ImproperlyConfigured):
        database_from_url("postgresql://host/", sqlite_default=Path("x.db"))
