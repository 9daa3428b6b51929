"""Knowledge search at 5,000 articles × 4 languages: index build, latency, memory, recall@5.

The corpus is the demo articles plus generated ones made of their sentences, reshuffled, so the
distractors use the same vocabulary. Recall is measured on bench/knowledge_queries.json:
questions written for demo articles, in four languages. Same-language: every article has all
its translations. Cross-language: the labelled articles keep only their Polish text, and the
Ukrainian, Russian and English questions are asked.
"""

import json
import math
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

QUERIES = Path(__file__).with_name("knowledge_queries.json")
LANGUAGES = ("pl", "uk", "ru", "en")


def _corpus(rng: random.Random, total: int) -> None:
    from restart.knowledge.demo import DEMO_FILE
    from restart.knowledge.models import Article, ArticleTranslation
    from restart.knowledge.text import sentences

    demo = [json.loads(line) for line in DEMO_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    # Distractors are made of sentences of the articles no question is about, so that no
    # generated text contains the answer to a labelled question.
    labelled = {item["slug"] for item in json.loads(QUERIES.read_text(encoding="utf-8"))}
    donors = [item for item in demo if item["slug"] not in labelled]
    pool = {lang: [s for item in donors for s in sentences(item["translations"][lang]["body"])] for lang in LANGUAGES}
    articles = [Article(slug=item["slug"], status="published") for item in demo]
    articles += [Article(slug=f"generated-{n}", status="published") for n in range(total - len(demo))]
    Article.objects.bulk_create(articles, batch_size=1000)
    by_slug = {a.slug: a for a in Article.objects.all()}
    rows = []
    for item in demo:
        for lang, texts in item["translations"].items():
            rows.append(ArticleTranslation(article=by_slug[item["slug"]], language=lang, title=texts["title"],
                                           summary=texts.get("summary", ""), body=texts["body"]))  # fmt: skip
    for n in range(total - len(demo)):
        for lang in LANGUAGES:
            picked = rng.sample(pool[lang], 6)
            article = by_slug[f"generated-{n}"]
            body = " ".join(picked[2:])
            rows.append(ArticleTranslation(article=article, language=lang, title=picked[0][:120], summary=picked[1],
                                           body=body))  # fmt: skip
    ArticleTranslation.objects.bulk_create(rows, batch_size=2000)


def _plain_bm25(query: str, documents: dict[int, list[str]], df: Counter, average: float) -> list[int]:
    """Full-text search without lemmas or typo tolerance, for comparison."""
    from restart.knowledge.text import tokens

    words = set(tokens(query))
    total = len(documents)
    scores = {}
    for doc_id, doc_tokens in documents.items():
        counts = Counter(t for t in doc_tokens if t in words)
        if counts:
            norm = 1.2 * (0.25 + 0.75 * len(doc_tokens) / average)
            scores[doc_id] = sum(
                math.log(1 + (total - df[w] + 0.5) / (df[w] + 0.5)) * c * 2.2 / (c + norm) for w, c in counts.items()
            )
    return [doc for doc, _ in sorted(scores.items(), key=lambda item: -item[1])]


def _recall(queries: list[dict], *, cross: bool) -> dict:
    from restart.knowledge import search as ks
    from restart.knowledge.models import ArticleTranslation
    from restart.knowledge.text import tokens

    translations = list(ArticleTranslation.objects.values_list("article__slug", "title", "summary", "body"))
    documents = defaultdict(list)
    for slug, title, summary, body in translations:
        documents[slug] += tokens(f"{title} {title} {title} {summary} {summary} {body}")
    df = Counter(word for doc in documents.values() for word in set(doc))
    average = sum(len(d) for d in documents.values()) / max(1, len(documents))
    hits = Counter()
    asked = 0
    for item in queries:
        for lang, question in item["questions"].items():
            if cross and lang == "pl":
                continue
            asked += 1
            words = ks.tokens(question)
            alternatives = ks.query_lemmas(words)
            lexical = ks._lexical(alternatives)
            semantic = ks._semantic(question) or {}
            fused = ks.fuse(lexical, semantic)
            slug_of = dict(ks.Article.objects.filter(pk__in=set(lexical) | set(semantic)).values_list("pk", "slug"))
            rankings = {
                "lexical": [slug_of[a] for a in ks._ranked(lexical)[:5]],
                "semantic": [slug_of[a] for a in ks._ranked(semantic)[:5]],
                "fused": [slug_of[a] for a in ks._ranked(fused)[:5]],
                "plain full-text": _plain_bm25(question, documents, df, average)[:5],
            }
            for name, top in rankings.items():
                hits[name] += item["slug"] in top
    return {name: round(hits[name] / asked, 3) for name in ("plain full-text", "lexical", "semantic", "fused")} | {
        "questions": asked
    }


def _latency(queries: list[dict]) -> list[dict]:
    from restart.knowledge import search as ks

    questions = [pair for item in queries for pair in item["questions"].items()] * 2
    rows = []
    for semantic in (False, True):
        samples = []
        for lang, question in questions:
            started = time.perf_counter()
            ks.search(question, language=lang, semantic=semantic)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        rows.append(
            {
                "name": f"search, {'lexical + semantic' if semantic else 'lexical only'} ({len(samples)} queries)",
                "p50_ms": round(samples[len(samples) // 2], 1),
                "p95_ms": round(samples[int(len(samples) * 0.95)], 1),
            }
        )
    return rows


def _web_worker_rss(queries: list[dict]) -> float:
    """A fresh process that only serves searches (as a gunicorn worker would): its peak RSS in MB."""
    script = (
        "import sys, json, django\n"
        "sys.path.insert(0, '.')\n"
        "django.setup()\n"
        "from restart.knowledge.search import search\n"
        f"for lang, q in json.loads({json.dumps(json.dumps([q for i in queries for q in i['questions'].items()]))}):\n"
        "    search(q, language=lang)\n"
        "assert 'simplemma' not in sys.modules, 'a web worker must not load the lemmatiser'\n"
        # VmHWM, not ru_maxrss: the latter keeps the forking parent's high-water mark across exec.
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(int(peak) / 1024)\n"
    )
    root = Path(__file__).resolve().parent.parent
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True)
    return round(float(output.stdout.strip().splitlines()[-1]), 1)


def _recall_both(queries: list[dict]) -> tuple[dict, dict]:
    """Same-language recall on the corpus as it is, then cross-language with the labelled articles in Polish only."""
    from restart.knowledge.models import ArticleTranslation

    same = _recall(queries, cross=False)
    labelled = [item["slug"] for item in queries]
    ArticleTranslation.objects.filter(article__slug__in=labelled).exclude(language="pl").delete()
    return same, _recall(queries, cross=True)


def run_demo_only(timed) -> dict:
    """The demo articles alone (26 × 4 languages), no distractors."""
    from restart.knowledge.demo import DEMO_FILE
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import Article, ArticleTranslation, LemmaForm

    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    demo_count = sum(1 for line in DEMO_FILE.read_text(encoding="utf-8").splitlines() if line.strip())
    _corpus(random.Random(5), demo_count)
    translations_index(list(ArticleTranslation.objects.all()))
    same, cross = _recall_both(queries)
    Article.objects.all().delete()
    LemmaForm.objects.all().delete()
    rows = [
        {"name": f"demo articles only: recall@5 {name}, same / cross-language", "p50_ms": same[name],
         "p95_ms": cross[name]}
        for name in ("plain full-text", "lexical", "semantic", "fused")
    ]  # fmt: skip
    return {"rows": rows, "recall_same_language": same, "recall_cross_language": cross}


def run(timed, total: int = 5000) -> dict:
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import ArticleTranslation

    demo_only = run_demo_only(timed)
    rng = random.Random(5)
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    _corpus(rng, total)
    start = time.perf_counter()
    translations_index(list(ArticleTranslation.objects.all()))
    build_s = time.perf_counter() - start
    rows = demo_only["rows"] + _latency(queries)
    rss = _web_worker_rss(queries)
    same, cross = _recall_both(queries)
    rows.append({"name": f"index build, {total} articles × 4 languages (s)", "p50_ms": round(build_s)})
    rows.append({"name": "web worker peak RSS after searches (MB)", "p50_ms": rss})
    for name in ("plain full-text", "lexical", "semantic", "fused"):
        rows.append({"name": f"{total} articles: recall@5 {name}, same / cross-language",
                     "p50_ms": same[name], "p95_ms": cross[name]})  # fmt: skip
    return {"rows": rows, "demo_only": demo_only, "recall_same_language": same, "recall_cross_language": cross,
            "build_seconds": build_s, "web_worker_rss_mb": rss}  # fmt: skip
