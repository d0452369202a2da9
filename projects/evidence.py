"""Evidence files for stage moves: PDF or image, checked by content, not by name."""

from pathlib import PurePosixPath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from config.errors import DomainError

# Leading bytes of the accepted types → (content type, extension).
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, content_type, ext in SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def validate_evidence(upload) -> tuple[str, str]:
    """Check an uploaded file's size and type by its content. Returns (content type,
    extension); raises DomainError on field `evidence`."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise DomainError(
            _("The evidence file is too large (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES),
            },
            field="evidence",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise DomainError(
            _("The evidence must be a PDF or an image (PNG, JPEG, GIF, WebP)."), field="evidence"
        )
    return kind


def download_name(original: str, stored: str) -> str:
    """The name a download is offered under: the uploader's name without its extension, plus
    the extension of the type detected at upload (kept in the stored name) — a GIF uploaded as
    `poly.html` downloads as `poly.gif`."""
    stem = PurePosixPath((original or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return (stem or "evidence") + PurePosixPath(stored).suffix.lower()
