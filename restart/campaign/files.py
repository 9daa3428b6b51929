"""The campaign's files: what makes a subtitle file WebVTT, and serving uploads with byte ranges.

Uploads live in MEDIA_ROOT, which whitenoise does not serve (it serves STATIC_ROOT only), so the
campaign serves its own few files. Browsers seek in a video with `Range` requests; Django's
FileResponse always sends the whole file, so a range is answered here (206 or 416).
"""

import mimetypes
import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

MAX_SUBTITLES_BYTES = 1024 * 1024
CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def webvtt_error(uploaded) -> str | None:
    """Why an uploaded file is not usable WebVTT subtitles, or None when it is."""
    if uploaded.size > MAX_SUBTITLES_BYTES:
        return _("Subtitles may be at most 1 MB.")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return _("Subtitles must be saved as UTF-8 text.")
    if not re.match(r"WEBVTT(?:[ \t]|\r?\n|$)", text):
        return _("This is not a WebVTT file: its first line must be WEBVTT.")
    return None


def content_type(name: str) -> str:
    if name.lower().endswith(".vtt"):
        return "text/vtt; charset=utf-8"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _byte_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) of one `bytes=` range; None to send everything; False when unsatisfiable."""
    match = _RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        return None  # several ranges or a form we do not serve: the whole file is a correct answer
    first, last = match.groups()
    if first == "":
        first, last = max(size - int(last), 0), size - 1  # the last N bytes
    else:
        first, last = int(first), min(int(last), size - 1) if last else size - 1
    if first >= size or first > last:
        return False
    return first, last


def _chunks(handle, first: int, length: int):
    with handle:
        handle.seek(first)
        while length > 0:
            data = handle.read(min(CHUNK, length))
            if not data:
                break
            length -= len(data)
            yield data


def ranged_file_response(request, field_file, *, as_attachment: bool = False) -> HttpResponse:
    """The file, or the byte range the request asks for, with its type and `Accept-Ranges`."""
    size = field_file.size
    kind = content_type(field_file.name)
    wanted = _byte_range(request.headers.get("Range", ""), size) if "Range" in request.headers else None
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(field_file.open("rb"), content_type=kind, as_attachment=as_attachment,
                                filename=field_file.name.rsplit("/", 1)[-1])  # fmt: skip
    else:
        first, last = wanted
        response = StreamingHttpResponse(_chunks(field_file.open("rb"), first, last - first + 1), status=206,
                                         content_type=kind)  # fmt: skip
        response["Content-Length"] = str(last - first + 1)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=3600"
    return response
