"""Sending a stored file after the view has checked who asks (evidence, objections, exports,
the site's videos). The media folder is never served as a whole.

With MEDIA_ACCEL_REDIRECT set (production behind nginx, deploy/nginx/invest-portal.conf) the
answer carries no body but an `X-Accel-Redirect` header naming the file under that `internal`
location: nginx sends it (ranges, sendfile) and no gunicorn worker is held while a large file
trickles out. Without it (the demo, tests, another proxy) Django streams the file itself."""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header


def accel_path(file) -> str | None:
    """The internal URL nginx serves `file` from, or None when Django must stream it (the
    setting is off, or the file is not on the local media storage)."""
    prefix = settings.MEDIA_ACCEL_REDIRECT
    if not prefix or not isinstance(file.storage, FileSystemStorage):
        return None
    return prefix.rstrip("/") + "/" + quote(file.name.lstrip("/"))


def send_file(
    file, *, content_type: str, filename: str | None = None, as_attachment: bool = False
) -> HttpResponse:
    """An answer that sends the stored `file` (a FieldFile) with this type and download name.
    Raises FileNotFoundError when the file is gone (streaming mode)."""
    path = accel_path(file)
    if path is None:
        return FileResponse(
            file.open("rb"),
            as_attachment=as_attachment,
            filename=filename or "",
            content_type=content_type,
        )
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = path
    disposition = content_disposition_header(as_attachment, filename) if filename else None
    if disposition:
        response["Content-Disposition"] = disposition
    return response
