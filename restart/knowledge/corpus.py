"""The published translations as arrays, held by each web process and reloaded when the index changes.

Search reads what every query needs from here (which translations count, their article, language,
indexed length and vector) instead of joining it in SQL for each query. At 20,000 translations it
is about 30 MB, most of it the 384-dimension vectors.
"""

import threading
from collections import Counter
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max, Q

from restart.knowledge.models import Article, ArticleTranslation


@dataclass(frozen=True)
class Corpus:
    stamp: tuple
    translation_ids: np.ndarray  # ascending, the row order of everything below
    rows_article: np.ndarray  # each row's article as an index into article_ids
    article_ids: np.ndarray
    lengths: np.ndarray
    vectors: np.ndarray | None  # rows with a vector of `model_name`; the others are zero
    has_vector: np.ndarray
    model_name: str
    language_rows: dict  # language code → boolean mask of its rows

    @property
    def size(self) -> int:
        return len(self.translation_ids)

    @property
    def average_length(self) -> float:
        lengths = self.lengths[self.lengths > 0]
        return float(lengths.mean()) if len(lengths) else 1.0

    def rows_of(self, translation_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the given ids, and which of the ids are in the corpus (published) at all."""
        if not self.size:
            return np.zeros(0, dtype=np.int64), np.zeros(len(translation_ids), dtype=bool)
        rows = np.minimum(np.searchsorted(self.translation_ids, translation_ids), self.size - 1)
        present = self.translation_ids[rows] == translation_ids
        return rows[present], present

    def article_has_language(self, language: str) -> np.ndarray:
        has = np.zeros(len(self.article_ids), dtype=bool)
        has[self.rows_article[self.language_rows.get(language, np.zeros(self.size, dtype=bool))]] = True
        return has

    def per_article_max(self, row_scores: np.ndarray, empty: float = 0.0) -> np.ndarray:
        best = np.full(len(self.article_ids), -np.inf)
        np.maximum.at(best, self.rows_article, row_scores)
        best[np.isneginf(best)] = empty
        return best


def _published():
    return ArticleTranslation.objects.filter(article__status=Article.Status.PUBLISHED)


_held: Corpus | None = None
_loading = threading.Lock()


def corpus(model_name: str = "") -> Corpus:
    """The published corpus, reloaded only when a translation was indexed or an article saved
    (its status too), published or unpublished, added or removed since this process last looked.

    A translation is removed only through its article's editor (which saves the article) or with
    the article. The check reads the index on `indexed_at` and the small article table: counting
    the translations instead took 10 ms at 20,000 on PostgreSQL (their rows hold the texts), and
    joining them to published articles 21 ms on SQLite. Threads of one process load it once.
    """
    global _held
    translations = ArticleTranslation.objects.aggregate(last=Max("indexed_at"))
    articles = Article.objects.aggregate(n=Count("pk"), changed=Max("updated_at"),
                                         published=Count("pk", filter=Q(status=Article.Status.PUBLISHED)))  # fmt: skip
    stamp = (*translations.values(), *articles.values(), model_name)
    if _held is None or _held.stamp != stamp:
        with _loading:
            if _held is None or _held.stamp != stamp:
                _held = _load(stamp, model_name)
    return _held


def _load(stamp: tuple, model_name: str) -> Corpus:
    rows = list(_published().order_by("pk").values_list("pk", "article_id", "language", "indexed_length",
                                                         "embedding_model", "embedding"))  # fmt: skip
    article_ids, rows_article = np.unique(np.array([row[1] for row in rows], dtype=np.int64), return_inverse=True)
    sizes = [len(blob) if model_name and model == model_name and blob is not None else 0
             for *_row, model, blob in rows]  # fmt: skip
    # The model's width is that of most of its vectors; others (a model of the same name) are left out.
    size = Counter(each for each in sizes if each).most_common(1)[0][0] if any(sizes) else 0
    has_vector = np.array([bool(size) and each == size for each in sizes], dtype=bool)
    languages = np.array([row[2] for row in rows], dtype="<U10")
    vectors = None
    if has_vector.any():
        vectors = np.zeros((len(rows), size // 4), dtype=np.float32)
        for index in np.flatnonzero(has_vector):
            vectors[index] = np.frombuffer(bytes(rows[index][5]), dtype=np.float32)
    return Corpus(
        stamp=stamp,
        translation_ids=np.array([row[0] for row in rows], dtype=np.int64),
        rows_article=rows_article.astype(np.int64),
        article_ids=article_ids,
        lengths=np.array([row[3] for row in rows], dtype=np.float64),
        vectors=vectors,
        has_vector=has_vector,
        model_name=model_name,
        language_rows={code: languages == code for code in set(languages.tolist())},
    )
