"""Checks on uploaded site media, by content rather than by file name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def _head(upload, n: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(n)
    upload.seek(0)
    return head


def _check_size(upload, limit: int):
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )


def validate_mp4(upload):
    """An ISO base media file (MP4): its first box is `ftyp`."""
    _check_size(upload, settings.WEBSITE_VIDEO_MAX_BYTES)
    if _head(upload)[4:8] != b"ftyp":
        raise ValidationError(_("The video must be an MP4 file."), code="not_mp4")


def validate_poster(upload):
    """A JPEG, PNG or WebP image."""
    _check_size(upload, settings.WEBSITE_IMAGE_MAX_BYTES)
    head = _head(upload)
    is_image = (
        head.startswith(b"\xff\xd8\xff")
        or head.startswith(b"\x89PNG\r\n\x1a\n")
        or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
    )
    if not is_image:
        raise ValidationError(_("The poster must be a JPEG, PNG or WebP image."), code="not_image")


def validate_captions(upload):
    """A WebVTT captions file (starts with `WEBVTT`, UTF-8)."""
    _check_size(upload, 512 * 1024)
    head = _head(upload, 9)
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(_("Captions must be a WebVTT (.vtt) file."), code="not_vtt")
