import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_env_example_documents_every_variable_the_settings_read():
    source = (ROOT / "restart" / "settings.py").read_text()
    read = set(re.findall(r'env_\w+\(\s*"([A-Z_]+)"', source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read, "the settings should read the environment"
    assert read - documented == set()
