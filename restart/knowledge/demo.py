"""Demo articles for `seed_demo`: real questions, four languages, official sources; marked for review."""

from pathlib import Path

from restart.knowledge.models import Article
from restart.knowledge.services import articles_import

DEMO_FILE = Path(__file__).resolve().parent / "demo_articles.jsonl"


def seed_articles(*, password: str = "") -> str:
    if Article.objects.filter(is_demo=True).exists() or not DEMO_FILE.exists():
        return "already there"
    report = articles_import(lines=DEMO_FILE.read_text(encoding="utf-8").splitlines())
    if report.errors:
        raise ValueError(f"demo_articles.jsonl: {report.errors[:3]}")
    return f"{report.created} articles (indexed by the worker)"
