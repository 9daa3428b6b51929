"""Shapes shared by every endpoint: the error body."""

from ninja import Schema


class ErrorOut(Schema):
    """Every error answer: a sentence for people, and for 422 the fields that were wrong."""

    detail: str
    errors: list[dict] | None = None
