"""Serving the public site's video files (video, poster, captions) of published videos only.

The media directory is never served as a whole (it also holds evidence files that only some
staff may read), so these files go through this view. It answers HTTP range requests, which
browsers use to start a video quickly and to seek in it."""

import mimetypes
import re

from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_safe

from config.files import accel_path, send_file

from .models import CityVideo, Status

FILE_FIELDS = {
    "video": "video/mp4",
    "poster": None,  # by its extension
    "captions_zh_hans": "text/vtt; charset=utf-8",
    "captions_en": "text/vtt; charset=utf-8",
}
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# A range answer is at most this long; players ask again for the rest (RFC 9110 allows it).
MAX_RANGE_BYTES = 4 * 1024 * 1024


def _open(request, pk: int, field: str):
    if field not in FILE_FIELDS:
        raise Http404
    qs = CityVideo.objects.all()
    # Staff who edit the site preview drafts; the public sees published videos only.
    if not (request.user.is_authenticated and request.user.is_bureau_or_admin):
        qs = qs.filter(status=Status.PUBLISHED)
    video = qs.filter(pk=pk).first()
    file = getattr(video, field, None) if video else None
    if not file:
        raise Http404
    return file, FILE_FIELDS[field] or mimetypes.guess_type(file.name)[0] or "image/jpeg"


@require_safe
def media(request, pk: int, field: str):
    file, content_type = _open(request, pk, field)
    if accel_path(file):
        # nginx sends the file and answers range requests itself (config/files.py).
        response = send_file(file, content_type=content_type)
        response["Cache-Control"] = "public, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    size = file.size
    match = RANGE.match(request.headers.get("Range", "").strip())
    if match and (match[1] or match[2]):
        start, end = match[1], match[2]
        if start:
            first, last = int(start), min(int(end) if end else size - 1, size - 1)
        else:  # the last N bytes
            first, last = max(size - int(end), 0), size - 1
        if first >= size or first > last:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        last = min(last, first + MAX_RANGE_BYTES - 1)
        handle.seek(first)
        body = handle.read(last - first + 1)
        handle.close()
        response = HttpResponse(body, status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    else:
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
