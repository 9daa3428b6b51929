"""The JSON API: thin over the apps' selectors (DESIGN.md §7)."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from restart.knowledge import search as knowledge_search


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@require_GET
def knowledge_search_view(request):
    """GET /api/v1/knowledge/search?q=&lang=uk&limit=10"""
    response = knowledge_search.search(
        request.GET.get("q", ""), language=request.GET.get("lang", ""), limit=_int(request.GET.get("limit"), 10)
    )
    return JsonResponse(
        {
            "results": [
                {
                    "slug": result.article.slug,
                    "title": result.translation.title,
                    "lang": result.translation.language,
                    "score": result.score,
                    "snippet": result.snippet,
                }
                for result in response.results
            ],
            "took_ms": response.took_ms,
        },
        json_dumps_params={"ensure_ascii": False},
    )
