"""Building the search index, in the task worker: lemmas (simplemma), postings and embeddings.

Web workers never import simplemma: the word forms seen here are stored with their lemmas
(LemmaForm), also under their spelling keys (text.spelling_keys), and a query is lemmatised by
looking its words up there. SearchTerm rows are the source of the inverted index (Posting), which
is rebuilt here for every lemma a change touched.
"""

import re
from collections import Counter, defaultdict

import numpy as np
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from restart.knowledge.embedders import embedder
from restart.knowledge.models import ArticleTranslation, LemmaForm, Passage, Posting, SearchTerm, TypoKey
from restart.knowledge.search import stop_words
from restart.knowledge.text import plain_text, spelling_keys, tokens, typo_keys

FIELD_WEIGHTS = (("title", 3.0), ("summary", 2.0), ("body", 1.0))
SIMPLEMMA_LANGUAGES = {"pl", "uk", "ru", "en", "de", "fr", "es", "it", "cs", "sk", "be", "ka"}
MAX_PASSAGES = 24  # paragraphs embedded per translation; a longer body keeps the rest lexical only
PARAGRAPH = re.compile(r"\n\s*\n")


def lemmatise(words: set[str], language: str) -> dict[str, str]:
    import simplemma  # worker-side only: hundreds of MB of dictionaries

    if language not in SIMPLEMMA_LANGUAGES:
        return {word: word for word in words}
    return {word: simplemma.lemmatize(word, lang=language).lower()[:80] for word in words}


def embedding_text(translation: ArticleTranslation) -> str:
    """The question and its direct answer; the body's paragraphs are embedded one by one."""
    return f"{translation.title}\n{translation.summary or translation.body[:300]}"


def passage_texts(translation: ArticleTranslation) -> list[str]:
    paragraphs = (plain_text(part).strip() for part in PARAGRAPH.split(translation.body or ""))
    return [" ".join(paragraph.split()) for paragraph in paragraphs if len(paragraph) > 2][:MAX_PASSAGES]


def blend(head: np.ndarray, passages: np.ndarray) -> np.ndarray:
    """One vector for a translation: half its title and summary, half the mean of its paragraphs.

    Measured on the labelled set (docs/benchmarks.md): as good as comparing the query with every
    paragraph, at the cost of one vector a translation in the web worker's memory.
    """
    if not len(passages):
        return head
    body = passages.mean(axis=0)
    body /= np.linalg.norm(body) or 1.0
    vector = head + body
    return (vector / (np.linalg.norm(vector) or 1.0)).astype(np.float32)


def _lock_index() -> None:
    """Index writes one at a time: two workers rebuilding one lemma's postings must not interleave."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('restart.knowledge.index'))")


def _forms_store(language: str, lemmas: dict[str, str]) -> None:
    """Word forms, their spelling keys and the typo keys of those, for the web workers' lookups."""
    spelled = dict(lemmas)
    for word, lemma in lemmas.items():
        for key in spelling_keys(word, language) | spelling_keys(lemma, language):  # "kacja" is near "kaucja"
            spelled.setdefault(key[:80], lemma)
    known = set(LemmaForm.objects.filter(language=language, form__in=spelled).values_list("form", flat=True))
    LemmaForm.objects.bulk_create(
        [LemmaForm(language=language, form=form, lemma=lemma) for form, lemma in spelled.items() if form not in known],
        ignore_conflicts=True,
    )
    # Typo keys for every Latin form without them yet, forms stored before typo keys existed too.
    latin = {form: lemma for form, lemma in spelled.items() if form.isascii()}
    keyed = set(TypoKey.objects.filter(key__in=latin, form=F("key")).values_list("form", flat=True))
    TypoKey.objects.bulk_create(
        [TypoKey(key=key, form=form, lemma=lemma) for form, lemma in latin.items() if form not in keyed
         for key in typo_keys(form)],
        ignore_conflicts=True,
        batch_size=2000,
    )  # fmt: skip


def _terms_store(translation: ArticleTranslation) -> set[str]:
    """The translation's lemmas with their weighted frequencies; returns every lemma touched."""
    counts = Counter()
    for field, weight in FIELD_WEIGHTS:
        for word in tokens(getattr(translation, field)):
            counts[word] += weight
    words = {word for word in counts if len(word) <= 80}
    lemmas = lemmatise(words, translation.language)
    _forms_store(translation.language, lemmas)
    frequencies = Counter()
    for word in words:
        frequencies[lemmas[word]] += counts[word]
    before = set(SearchTerm.objects.filter(translation=translation).values_list("lemma", flat=True))
    SearchTerm.objects.filter(translation=translation).delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(translation=translation, lemma=lemma, frequency=freq) for lemma, freq in frequencies.items()]
    )
    translation.indexed_length = int(sum(counts.values()))
    return before | set(frequencies)


def postings_rebuild(lemmas: set[str]) -> None:
    """Rebuild the postings of `lemmas` from SearchTerm.

    Stop-words get none: a query never asks for them, and theirs are the longest lists.
    """
    lemmas = sorted(lemmas - stop_words())
    terms = SearchTerm.objects.order_by("lemma", "translation_id").values_list("lemma", "translation_id", "frequency")
    for start in range(0, len(lemmas), 500):
        chunk = lemmas[start : start + 500]
        grouped = defaultdict(lambda: ([], []))
        for lemma, translation_id, frequency in terms.filter(lemma__in=chunk).iterator(chunk_size=20000):
            ids, frequencies = grouped[lemma]
            ids.append(translation_id)
            frequencies.append(frequency)
        Posting.objects.filter(lemma__in=set(chunk) - set(grouped)).delete()
        postings = [
            Posting(lemma=lemma, translation_ids=np.asarray(ids, dtype=np.int64).tobytes(),
                    frequencies=np.asarray(frequencies, dtype=np.float32).tobytes())
            for lemma, (ids, frequencies) in grouped.items()
        ]  # fmt: skip
        Posting.objects.bulk_create(postings, batch_size=500, update_conflicts=True, unique_fields=["lemma"],
                                    update_fields=["translation_ids", "frequencies"])  # fmt: skip


def translations_index(translations: list[ArticleTranslation], *, batch: int = 32) -> None:
    """Index translations: their words, then (where an embedder loads) their vectors."""
    passages = words_index(translations)
    model = embedder()
    if model is not None:
        vectors_index(model, translations, passages, batch)


def words_index(translations: list[ArticleTranslation]) -> dict[int, list[Passage]]:
    """Lemmas, postings and passages in one locked transaction; returns the passages by translation."""
    with transaction.atomic():
        _lock_index()
        touched = set()
        for translation in translations:
            touched |= _terms_store(translation)
            translation.indexed_at = timezone.now()
        postings_rebuild(touched)
        ArticleTranslation.objects.bulk_update(translations, ["indexed_length", "indexed_at"], batch_size=500)
        return _passages_store(translations)


def _passages_store(translations: list[ArticleTranslation]) -> dict[int, list[Passage]]:
    Passage.objects.filter(translation__in=translations).delete()
    passages = [
        Passage(translation=translation, position=position, text=text)
        for translation in translations
        for position, text in enumerate(passage_texts(translation))
    ]
    Passage.objects.bulk_create(passages, batch_size=1000)
    by_translation = defaultdict(list)
    for passage in passages:
        by_translation[passage.translation_id].append(passage)
    return by_translation


def vectors_index(model, translations: list[ArticleTranslation], passages: dict[int, list[Passage]],
                  batch: int = 32) -> None:  # fmt: skip
    """Each translation's head (title and summary) and paragraphs embedded, and their blend stored."""
    for start in range(0, len(translations), batch):
        chunk = translations[start : start + batch]
        texts = [embedding_text(t) for t in chunk] + [p.text for t in chunk for p in passages[t.pk]]
        vectors = np.vstack([model.passages(texts[i : i + batch]) for i in range(0, len(texts), batch)])
        heads, rest = vectors[: len(chunk)], iter(vectors[len(chunk) :])
        chunk_passages = []
        for translation, head in zip(chunk, heads, strict=True):
            own = [(passage, next(rest)) for passage in passages[translation.pk]]
            for passage, vector in own:
                passage.embedding = vector.astype(np.float32).tobytes()
                chunk_passages.append(passage)
            body = np.array([vector for _passage, vector in own], dtype=np.float32)
            translation.embedding = blend(head.astype(np.float32), body).tobytes()
            translation.embedding_model = model.name
            translation.indexed_at = timezone.now()
        Passage.objects.bulk_update(chunk_passages, ["embedding"], batch_size=500)
        ArticleTranslation.objects.bulk_update(chunk, ["embedding", "embedding_model", "indexed_at"])
