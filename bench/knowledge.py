"""Knowledge search at scale: 500 translations, then 5,000 articles × 4 languages, on SQLite and
on PostgreSQL. Measures a query through the API (`GET /api/v1/knowledge/search`, the query's
embedding included), the index build, the web worker's memory and recall@5 on the demo questions.

The corpus is the demo articles plus generated ones made of their sentences, reshuffled, so the
distractors use the same vocabulary. Generated texts get their lemmas, postings and passages the
way every text does, but their vectors are composed from vectors of their sentences (each distinct
sentence embedded once): embedding 40,000 generated texts would take about an hour, and search
time does not depend on what the vectors say. The demo articles are embedded for real.

`make bench` runs this on the scratch SQLite database, then again in a throwaway PostgreSQL
cluster (scripts/with-postgres.sh) together with the labelled set (bench/knowledge_set.py).
"""

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
QUERIES = Path(__file__).with_name("knowledge_queries.json")
LANGUAGES = ("pl", "uk", "ru", "en")


def _demo() -> list[dict]:
    from restart.knowledge.demo import DEMO_FILE

    return [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pool() -> dict[str, list[str]]:
    """Sentences of the demo articles no question is about, so no distractor holds an answer."""
    from restart.knowledge.text import sentences

    labelled = {item["slug"] for item in json.loads(QUERIES.read_text(encoding="utf-8"))}
    donors = [item for item in _demo() if item["slug"] not in labelled]
    return {lang: [s for item in donors for s in sentences(item["translations"][lang]["body"])] for lang in LANGUAGES}


def _sentence_vectors(pool: dict[str, list[str]]) -> dict[str, "object"]:
    import numpy as np

    from restart.knowledge.embedders import embedder

    texts = sorted({text for sentences in pool.values() for text in sentences})
    cache = OUT / "knowledge-sentence-vectors.npz"
    model = embedder()
    if cache.exists():
        stored = np.load(cache, allow_pickle=False)
        if list(stored["texts"]) == texts and str(stored["model"]) == model.name:
            return dict(zip(texts, stored["vectors"], strict=True))
    vectors = np.vstack([model.passages(texts[i : i + 32]) for i in range(0, len(texts), 32)]).astype(np.float32)
    np.savez(cache, texts=np.array(texts), vectors=vectors, model=np.array(model.name))
    return dict(zip(texts, vectors, strict=True))


def _demo_articles() -> None:
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import Article, ArticleTranslation

    Article.objects.bulk_create([Article(slug=item["slug"], status="published") for item in _demo()])
    by_slug = {a.slug: a for a in Article.objects.all()}
    rows = [
        ArticleTranslation(article=by_slug[item["slug"]], language=lang, title=texts["title"],
                           summary=texts.get("summary", ""), body=texts["body"])
        for item in _demo() for lang, texts in item["translations"].items()
    ]  # fmt: skip
    ArticleTranslation.objects.bulk_create(rows)
    translations_index(list(ArticleTranslation.objects.all()))


def _generated(rng: random.Random, first: int, count: int, pool: dict, vectors: dict) -> None:
    """`count` generated articles in four languages, indexed, with composed vectors."""
    import numpy as np
    from django.utils import timezone

    from restart.knowledge.embedders import embedder
    from restart.knowledge.indexing import blend, words_index
    from restart.knowledge.models import Article, ArticleTranslation, Passage

    def mean(texts: list[str]) -> np.ndarray:
        vector = np.sum([vectors[text] for text in texts], axis=0)
        return (vector / np.linalg.norm(vector)).astype(np.float32)

    articles = Article.objects.bulk_create(
        [Article(slug=f"generated-{n}", status="published") for n in range(first, first + count)], batch_size=1000
    )
    rows, picks = [], {}
    for article in articles:
        for lang in LANGUAGES:
            picked = rng.sample(pool[lang], 6)
            rows.append(ArticleTranslation(article=article, language=lang, title=picked[0][:120], summary=picked[1],
                                           body=" ".join(picked[2:])))  # fmt: skip
            picks[(article.pk, lang)] = picked
    ArticleTranslation.objects.bulk_create(rows, batch_size=2000)
    translations = list(ArticleTranslation.objects.filter(article__in=articles))
    words_index(translations)
    model_name = embedder().name
    passages = []
    passages_of = {}
    for passage in Passage.objects.filter(translation__in=translations):  # one paragraph each
        passages_of.setdefault(passage.translation_id, []).append(passage)
    for translation in translations:
        picked = picks[(translation.article_id, translation.language)]
        body = mean(picked[2:])
        translation.embedding = blend(mean(picked[:2]), body[None, :]).tobytes()
        translation.embedding_model = model_name
        translation.indexed_at = timezone.now()
        for passage in passages_of.get(translation.pk, []):
            passage.embedding = body.tobytes()
            passages.append(passage)
    ArticleTranslation.objects.bulk_update(translations, ["embedding", "embedding_model", "indexed_at"],
                                           batch_size=1000)  # fmt: skip
    Passage.objects.bulk_update(passages, ["embedding"], batch_size=1000)


def _questions() -> list[tuple[str, str]]:
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    return [pair for item in queries for pair in item["questions"].items()]


def _api_latency(label: str, semantic: bool = True) -> dict:
    """Each demo question twice through the API, in-process (Django's test client), after a warm-up."""
    from unittest import mock

    from django.test import Client

    from restart.knowledge import search as knowledge_search

    client = Client()
    questions = _questions()
    plain = knowledge_search.search

    def lexical_only(*args, **kwargs):
        return plain(*args, **{**kwargs, "semantic": False})

    with mock.patch.object(knowledge_search, "search", plain if semantic else lexical_only):
        for lang, question in questions[:10]:
            client.get("/api/v1/knowledge/search", {"q": question, "lang": lang})
        samples = []
        for lang, question in questions * 2:
            started = time.perf_counter()
            response = client.get("/api/v1/knowledge/search", {"q": question, "lang": lang})
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    samples.sort()
    layer = "fused" if semantic else "lexical only"
    p50, p95 = samples[len(samples) // 2], samples[int(len(samples) * 0.95)]
    return {"name": f"{label}: API search, {layer} ({len(samples)} queries)", "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1)}  # fmt: skip


def _web_worker_rss() -> float:
    """A fresh process that only serves searches (as a gunicorn worker would): its peak RSS in MB."""
    script = (
        "import sys, json, django\n"
        "sys.path.insert(0, '.')\n"
        "django.setup()\n"
        "from restart.knowledge.search import search\n"
        f"for lang, q in json.loads({json.dumps(json.dumps(_questions()))}):\n"
        "    search(q, language=lang)\n"
        "assert 'simplemma' not in sys.modules, 'a web worker must not load the lemmatiser'\n"
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's high-water mark across exec.
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(int(peak) / 1024)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    return round(float(output.stdout.strip().splitlines()[-1]), 1)


def _corpus_reload_ms() -> float:
    """What a web process pays on its first search after any index change: the median of 5 loads."""
    from restart.knowledge import corpus as held
    from restart.knowledge.embedders import embedder

    samples = []
    for _ in range(5):
        held._held = None
        started = time.perf_counter()
        held.corpus(embedder().name)
        samples.append((time.perf_counter() - started) * 1000)
    return round(sorted(samples)[2], 1)


def _recall() -> dict:
    """recall@5 of the demo questions, every language, through search() as the API calls it."""
    from restart.knowledge.search import search

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    found = {"fused": 0, "lexical": 0}
    asked = 0
    for item in queries:
        for lang, question in item["questions"].items():
            asked += 1
            for name, semantic in (("fused", True), ("lexical", False)):
                top = [result.article.slug for result in search(question, language=lang, limit=5,
                                                                 semantic=semantic).results]  # fmt: skip
                found[name] += item["slug"] in top
    return {name: round(hits / asked, 3) for name, hits in found.items()}


def measure(total: int = 5000) -> dict:
    """Both sizes on the database Django is connected to."""
    from django.db import connection

    from restart.knowledge.models import Article, ArticleTranslation, LemmaForm

    Article.objects.all().delete()
    LemmaForm.objects.all().delete()
    rng = random.Random(5)
    pool = _pool()
    vectors = _sentence_vectors(pool)
    _demo_articles()
    demo = Article.objects.count()
    small_articles = 500 // len(LANGUAGES)
    _generated(rng, 0, small_articles - demo, pool, vectors)
    small = ArticleTranslation.objects.count()
    rows = [_api_latency(f"{small} translations", semantic) for semantic in (False, True)]
    started = time.perf_counter()
    _generated(rng, small_articles - demo, total - small_articles, pool, vectors)
    build_s = time.perf_counter() - started
    large = ArticleTranslation.objects.count()
    rows += [_api_latency(f"{large} translations", semantic) for semantic in (False, True)]
    for size_row, large_row in ((rows[0], rows[2]), (rows[1], rows[3])):
        large_row["ratio"] = round(large_row["p95_ms"] / size_row["p95_ms"], 2)  # p95 at 40× the translations
    rss = _web_worker_rss()
    reload_ms = _corpus_reload_ms()
    recall = _recall()
    added = large - small
    rows.append({"name": f"index build without embeddings, {added} translations (ms each)",
                 "p50_ms": round(build_s * 1000 / added, 2)})  # fmt: skip
    rows.append({"name": "web worker peak RSS after searches (MB)", "value": rss})
    rows.append({"name": f"{large} translations: corpus reload after an index change", "p50_ms": reload_ms})
    rows.append({"name": f"{large} translations: recall@5 demo questions, fused / lexical", "p50_ms": recall["fused"],
                 "p95_ms": recall["lexical"]})  # fmt: skip
    return {"database": connection.vendor, "rows": rows, "translations": large, "web_worker_rss_mb": rss,
            "recall@5": recall}  # fmt: skip


def run(timed) -> dict:
    """SQLite here, then PostgreSQL in its own cluster (with the labelled set), read back from its file."""
    sqlite = measure()
    command = ["bash", str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, "-m", "bench.knowledge"]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "DATABASE_URL": ""})
    postgres = json.loads((OUT / "knowledge-postgres.json").read_text())
    rows = [{**row, "name": f"sqlite, {row['name']}"} for row in sqlite["rows"]]
    rows += [{**row, "name": f"postgresql, {row['name']}"} for row in postgres["rows"]]
    return {"rows": rows, "sqlite": sqlite, "postgresql": postgres}


def main() -> None:
    from bench.reports import _setup

    _setup()
    from bench import knowledge_set
    from bench.run import timed

    labelled = knowledge_set.run(timed)
    scale = measure()
    result = {"rows": labelled["rows"] + scale["rows"], "labelled_set": labelled, "scale": scale}
    (OUT / "knowledge-postgres.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
