"""The production settings, with what a test run must not depend on pinned down."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("EMAIL_BACKEND", "memory")
os.environ.setdefault("SMS_BACKEND", "memory")

from restart.settings import *  # noqa: F403

# Hashing cost is not what these tests are about.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
