"""Pagination for list pages, keeping the page's filters in the links to other pages."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items, per_page: int) -> tuple[Page, str]:
    """The requested page and the query string of the other filters (for `core/includes/pagination.html`)."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
