"""A slice of issue 13's labelled set (bench/knowledge_set/) as a regression guard: the residence,
PESEL, registration, health insurance, work permit and contract articles (six clusters of near
neighbours, a third of them in one language only) and the questions they answer, typed as on a
phone. The whole set runs in `make bench`; the figures are in docs/benchmarks.md."""

import json

import pytest

from bench.knowledge_set import SET, evaluate
from restart.knowledge.embedders import embedder
from restart.knowledge.indexing import translations_index
from restart.knowledge.models import ArticleTranslation
from restart.knowledge.services import articles_import
from restart.topics.models import Topic
from restart.topics.taxonomy import load_topics

SLICE = 26  # the set's first articles


def _slice() -> tuple[list[str], list[dict]]:
    lines = [line for line in (SET / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:SLICE]
    slugs = {json.loads(line)["slug"] for line in lines}
    questions = json.loads((SET / "questions.json").read_text(encoding="utf-8"))
    return lines, [item for item in questions if not item["answers"] or set(item["answers"]) <= slugs]


@pytest.mark.skipif(embedder() is None, reason="no embedder on this machine")
def test_the_labelled_slice_keeps_the_right_answer_first_across_languages(db):
    lines, questions = _slice()
    load_topics(Topic)
    assert not articles_import(lines=lines).errors
    translations_index(list(ArticleTranslation.objects.all()))

    fused, lexical = evaluate(questions), evaluate(questions, semantic=False)

    assert fused["asked_same"] == 55 and fused["asked_cross"] == 38
    # Measured on this slice when written: recall@1 0.909 / 0.842, recall@5 1.0 / 1.0 (same
    # language / across). The guard leaves two questions of margin on recall@1 for ties that the
    # two databases may order apart; the goals are held on the whole set by `make bench`.
    assert fused["recall@1_same"] >= 0.87 and fused["recall@1_cross"] >= 0.78
    assert fused["recall@5_same"] >= 0.98 and fused["recall@5_cross"] >= 0.95
    # A question with an answer is never told that nothing matches; some without one are.
    assert fused["nothing_on_answerable"] == 0
    told, unanswerable = map(int, fused["nothing_on_unanswerable"].split("/"))
    assert unanswerable == 30 and told >= 15  # 19 when written
    # Spelling keys and typo keys: the words alone still find most same-language answers.
    assert lexical["recall@1_same"] >= 0.90  # 0.945 when written
