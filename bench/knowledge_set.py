"""Knowledge search on the labelled set of issue 13 (bench/knowledge_set/): 120 articles with 220
translations, most in one or two languages, near neighbours on purpose, and 440 questions typed
the way people type on a phone (410 with an answer, 30 without). Measures, through the same
`search()` the page and the API call: recall@1 and recall@5, same-language and across languages;
how often a question without an answer is told "nothing matches" and how often an answerable one
wrongly is; and the latency of a warm search in-process.
"""

import json
import time
from pathlib import Path

SET = Path(__file__).with_name("knowledge_set")


def load_set() -> tuple[list[str], list[dict]]:
    lines = [line for line in (SET / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines, json.loads((SET / "questions.json").read_text(encoding="utf-8"))


def evaluate(questions: list[dict], *, semantic: bool = True) -> dict:
    """Recall and "nothing matches" over `questions`, with each search's time."""
    from restart.knowledge.search import search

    found = {"same": [0, 0, 0], "cross": [0, 0, 0]}  # asked, first is an answer, an answer in the top 5
    told_nothing = {"answerable": 0, "unanswerable": 0, "unanswerable_asked": 0}
    samples = []
    for item in questions:
        started = time.perf_counter()
        response = search(item["q"], language=item["lang"], limit=5, semantic=semantic)
        samples.append((time.perf_counter() - started) * 1000)
        if not item["answers"]:
            told_nothing["unanswerable_asked"] += 1
            told_nothing["unanswerable"] += response.nothing_matches
            continue
        told_nothing["answerable"] += response.nothing_matches
        ranked = [] if response.nothing_matches else [result.article.slug for result in response.results]
        counts = found["cross" if item["cross"] else "same"]
        counts[0] += 1
        counts[1] += bool(ranked[:1]) and ranked[0] in item["answers"]
        counts[2] += any(slug in item["answers"] for slug in ranked[:5])
    samples.sort()
    return {
        **{f"recall@{k}_{kind}": round(counts[i] / counts[0], 3) for kind, counts in found.items()
           for k, i in (("1", 1), ("5", 2)) if counts[0]},
        "asked_same": found["same"][0], "asked_cross": found["cross"][0],
        "nothing_on_unanswerable": f"{told_nothing['unanswerable']}/{told_nothing['unanswerable_asked']}",
        "nothing_on_answerable": told_nothing["answerable"],
        "p50_ms": round(samples[len(samples) // 2], 1), "p95_ms": round(samples[int(len(samples) * 0.95)], 1),
    }  # fmt: skip


def run(timed) -> dict:
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import Article, ArticleTranslation, LemmaForm, Posting, TypoKey
    from restart.knowledge.services import articles_import
    from restart.topics.models import Topic
    from restart.topics.taxonomy import load_topics

    load_topics(Topic)  # the articles name their topics
    for model in (Article, LemmaForm, Posting, TypoKey):  # nothing left of an earlier bench's corpus
        model.objects.all().delete()
    lines, questions = load_set()
    report = articles_import(lines=lines)
    assert not report.errors, report.errors[:3]
    translations_index(list(ArticleTranslation.objects.all()))
    evaluate(questions[:20])  # warm: the model and the caches
    lexical, fused = evaluate(questions, semantic=False), evaluate(questions)
    rows = [{"name": f"labelled set, {name}: recall@1 same / cross", "p50_ms": found["recall@1_same"],
             "p95_ms": found["recall@1_cross"]} for name, found in (("lexical", lexical), ("fused", fused))]
    rows += [{"name": f"labelled set, {name}: recall@5 same / cross", "p50_ms": found["recall@5_same"],
              "p95_ms": found["recall@5_cross"]} for name, found in (("lexical", lexical), ("fused", fused))]
    rows += [{"name": f"labelled set, {name}: search latency", "p50_ms": found["p50_ms"], "p95_ms": found["p95_ms"]}
             for name, found in (("lexical", lexical), ("fused", fused))]  # fmt: skip
    return {"rows": rows, "lexical": lexical, "fused": fused, "articles": Article.objects.count(),
            "translations": ArticleTranslation.objects.count(), "questions": len(questions)}  # fmt: skip
