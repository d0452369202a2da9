"""Uploads are capped while they stream in, not after the whole file has been received.

`BoundedUploadHandler` runs before Django's own handlers (FILE_UPLOAD_HANDLERS). It counts the
bytes of each file as they arrive; past its limit (``UPLOAD_FIELD_LIMITS``: evidence files
``EVIDENCE_MAX_BYTES``; any other ``UPLOAD_MAX_BYTES``) it stops passing them on (nothing
more is kept in memory or on disk) and, when the file ends, hands the form an empty stand-in
that knows the real size, so the usual size check ("the file is too large (60 MB); the limit
is 10 MB") refuses it with a clear message instead of a missing file. The reverse proxy caps
the request itself (see README, Security).
"""

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(SimpleUploadedFile):
    """An upload refused for its size: no content, its real size."""

    def __init__(self, name, content_type, size):
        super().__init__(name, b"", content_type)
        self.size = size


class BoundedUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        name = settings.UPLOAD_FIELD_LIMITS.get(self.field_name)
        self.limit = getattr(settings, name) if name else settings.UPLOAD_MAX_BYTES

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            return None  # drop it: later handlers get nothing more
        return raw_data

    def file_complete(self, file_size):
        if self.received > self.limit:
            return OversizedUpload(self.file_name, self.content_type, self.received)
        return None  # within the limit: Django's handlers hold the file
