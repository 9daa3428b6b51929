"""Tokens, lemmas and sentences of article texts (shared by indexing and search)."""

import re

from markdown_it import MarkdownIt

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n{2,}|\n(?=[-*\d])")
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def tokens(text: str) -> list[str]:
    return [match.group(0).lower().replace("’", "'") for match in WORD.finditer(text or "")][:5000]


def render_markdown(text: str) -> str:
    """Markdown to HTML with raw HTML escaped and unsafe links refused: script in a body stays inert."""
    return _markdown.render(text or "")


def plain_text(markdown: str) -> str:
    """The words of a Markdown text without its markup, for snippets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown or "")
    text = re.sub(r"^\s{0,3}(#+|[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"[*_`>#]", "", text)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(plain_text(text)) if len(part.strip()) > 2]
