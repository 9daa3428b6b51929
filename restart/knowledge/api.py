"""The knowledge base's endpoints (a contract: DESIGN.md §7)."""

from ninja import Field, Query, Router, Schema

from restart.knowledge import search as knowledge_search

router = Router(tags=["knowledge"])


class SearchParams(Schema):
    # Strings on purpose: the contract answers 200 to anything, e.g. limit=abc means the default.
    q: str = Field("", description="What to look for, in any of the four languages.")
    lang: str = Field("", description="The reader's language (pl, uk, ru, en); results use it where they can.")
    limit: str = Field("10", description="How many results, 1 to 50; anything else means 10.")


class SearchResultOut(Schema):
    slug: str = Field(description="The article's address part.")
    title: str
    lang: str = Field(description="The language of the title and snippet shown.")
    score: float = Field(description="Relevance; higher is better, comparable only within one answer.")
    snippet: str = Field(description="HTML: escaped text with <mark> around the matching words.")


class SearchOut(Schema):
    results: list[SearchResultOut]
    took_ms: float = Field(description="Time the search took, in milliseconds.")


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@router.get(
    "/search",
    response=SearchOut,
    url_name="knowledge_search",
    operation_id="knowledge_search",
    summary="Search the knowledge base",
    auth=None,
)
def search(request, params: Query[SearchParams]):
    """Published articles that answer the question, best first, across languages. No token needed."""
    found = knowledge_search.search(params.q, language=params.lang, limit=_int(params.limit, 10))
    return {
        "results": [
            {
                "slug": result.article.slug,
                "title": result.translation.title,
                "lang": result.translation.language,
                "score": result.score,
                "snippet": result.snippet,
            }
            for result in found.results
        ],
        "took_ms": found.took_ms,
    }
