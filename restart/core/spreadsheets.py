"""Files people open in a spreadsheet (CSV exports of the audit trail, of a person's data)."""


def spreadsheet_cell(value) -> str:
    """A cell a spreadsheet will not run: text typed by the public can start like a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
