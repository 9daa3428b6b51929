"""What each change of issue 13 buys, on the labelled set: the search as it is, then with one
part taken away at a time (`python -m bench.run knowledge-ablation`; not part of `make bench`,
as it indexes the set three times). Figures in docs/benchmarks.md.
"""

from contextlib import ExitStack
from unittest import mock


def _index() -> list[dict]:
    from bench.knowledge_set import load_set
    from restart.knowledge.indexing import translations_index
    from restart.knowledge.models import Article, ArticleTranslation, LemmaForm, Posting, TypoKey
    from restart.knowledge.services import articles_import
    from restart.topics.models import Topic
    from restart.topics.taxonomy import load_topics

    load_topics(Topic)
    for model in (Article, LemmaForm, Posting, TypoKey):
        model.objects.all().delete()
    lines, questions = load_set()
    assert not articles_import(lines=lines).errors
    translations_index(list(ArticleTranslation.objects.all()))
    return questions


def _variant(patches: list, *, reindex: bool) -> dict:
    from bench.knowledge_set import evaluate, load_set

    with ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch)
        questions = _index() if reindex else load_set()[1]
        return evaluate(questions)


def run(timed) -> dict:
    search = "restart.knowledge.search"
    # (name, patches, whether the index is rebuilt under them); the others reuse the index before.
    variants = [
        ("as built", [], True),
        ("lexical weight 0.4 (as before)", [mock.patch(f"{search}.LEXICAL_WEIGHT", 0.4)], False),
        ("no stand-in for an article lacking the reader's language", [mock.patch(f"{search}.WORDS_STAND_IN", 0.0)],
         False),
        ("without spelling and typo keys",
         [mock.patch("restart.knowledge.indexing.spelling_keys", lambda w, lang="": set()),
          mock.patch(f"{search}.spelling_keys", lambda w, lang="": set()),
          mock.patch(f"{search}.near_lemmas", lambda word: set())], True),
        ("without passages (title and summary vectors only)",
         [mock.patch("restart.knowledge.indexing.blend", lambda head, passages: head)], True),
    ]  # fmt: skip
    results = [{"name": name, **_variant(patches, reindex=reindex)} for name, patches, reindex in variants]
    rows = [{"name": f"{r['name']}: recall@{k} same / cross", "p50_ms": r[f"recall@{k}_same"],
             "p95_ms": r[f"recall@{k}_cross"]} for k in (1, 5) for r in results]  # fmt: skip
    return {"rows": rows, "variants": results}
