"""The one way API lists page: `limit` and `offset` in, `{"results": [...], "count": N}` out.

    @router.get("", response={200: list[EventOut], 422: ErrorOut})
    @paginate(Paginated)
    def event_list(request, filters: Query[EventFilters]): ...
"""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000


class Paginated(LimitOffsetPagination):
    items_attribute = "results"

    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_LIMIT, description="How many results, 1 to 100.")
        # Bounded: a database takes no OFFSET beyond a 64-bit integer (SQLite answered 500).
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many results to skip.")

    class Output(Schema):
        results: list
        count: int = Field(description="How many results there are in all.")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
