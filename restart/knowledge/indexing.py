"""Building the search index, in the task worker: lemmas (simplemma) and embeddings.

Web workers never import simplemma: the word forms seen here are stored with their lemmas
(LemmaForm), and a query is lemmatised by looking its words up there.
"""

from collections import Counter

import numpy as np
from django.db import transaction
from django.utils import timezone

from restart.knowledge.embedders import embedder
from restart.knowledge.models import ArticleTranslation, LemmaForm, SearchTerm
from restart.knowledge.text import tokens

FIELD_WEIGHTS = (("title", 3.0), ("summary", 2.0), ("body", 1.0))
SIMPLEMMA_LANGUAGES = {"pl", "uk", "ru", "en", "de", "fr", "es", "it", "cs", "sk", "be", "ka"}


def lemmatise(words: set[str], language: str) -> dict[str, str]:
    import simplemma  # worker-side only: hundreds of MB of dictionaries

    if language not in SIMPLEMMA_LANGUAGES:
        return {word: word for word in words}
    return {word: simplemma.lemmatize(word, lang=language).lower()[:80] for word in words}


def embedding_text(translation: ArticleTranslation) -> str:
    """What the embedding represents: the question and its direct answer.

    Measured on the demo articles (bench/knowledge_queries.json): title + summary found the right
    article first more often than with the body added (cross-language 36 % vs 31 % with 400
    characters of body, 14 % with 1,200), and costs 57 ms a text instead of 160–480 ms.
    The body stays searchable through the lexical layer.
    """
    return f"{translation.title}\n{translation.summary or translation.body[:300]}"


def translations_index(translations: list[ArticleTranslation], *, batch: int = 32) -> None:
    """Index many translations: lemmas one by one, embeddings in batches (much faster per text)."""
    for translation in translations:
        translation_index(translation, embed=False)
    model = embedder()
    if model is None:
        return
    for start in range(0, len(translations), batch):
        chunk = translations[start : start + batch]
        vectors = model.passages([embedding_text(t) for t in chunk])
        for translation, vector in zip(chunk, vectors, strict=True):
            translation.embedding = vector.astype(np.float32).tobytes()
            translation.embedding_model = model.name
        ArticleTranslation.objects.bulk_update(chunk, ["embedding", "embedding_model"])


@transaction.atomic
def translation_index(translation: ArticleTranslation, *, embed: bool = True) -> None:
    counts = Counter()
    for field, weight in FIELD_WEIGHTS:
        for word in tokens(getattr(translation, field)):
            counts[word] += weight
    words = {word for word in counts if len(word) <= 80}
    lemmas = lemmatise(words, translation.language)
    known = set(LemmaForm.objects.filter(language=translation.language, form__in=words).values_list("form", flat=True))
    LemmaForm.objects.bulk_create(
        [LemmaForm(language=translation.language, form=word, lemma=lemmas[word]) for word in words - known],
        ignore_conflicts=True,
    )
    frequencies = Counter()
    for word in words:
        frequencies[lemmas[word]] += counts[word]
    SearchTerm.objects.filter(translation=translation).delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(translation=translation, lemma=lemma, frequency=freq) for lemma, freq in frequencies.items()]
    )
    translation.indexed_length = int(sum(counts.values()))
    translation.indexed_at = timezone.now()
    fields = ["indexed_length", "indexed_at"]
    model = embedder() if embed else None
    if model is not None:
        vector = model.passages([embedding_text(translation)])[0].astype(np.float32)
        translation.embedding = vector.tobytes()
        translation.embedding_model = model.name
        fields += ["embedding", "embedding_model"]
    translation.save(update_fields=fields)
