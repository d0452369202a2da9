"""The transactional outbox: work for the worker, written in the same transaction as the
record it concerns, so it survives a broker that is down (docs/operations.md, Faults)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """One Celery task to send: its name and keyword arguments. `sent_at` is set once the
    broker took it; `done_at` once a worker finished it (a second delivery then does
    nothing); `claimed_at` while a worker runs it."""

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent to the broker"), null=True, blank=True)
    sends = models.PositiveSmallIntegerField(_("times sent"), default=0)
    claimed_at = models.DateTimeField(_("started by a worker"), null=True, blank=True)
    claimed_by = models.CharField(_("worker"), max_length=200, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("queued task")
        verbose_name_plural = _("queued tasks")
        indexes = [
            # The sweep's two questions: what was never sent, what was sent and never done.
            models.Index(
                fields=["created_at"],
                name="outbox_unsent_idx",
                condition=models.Q(sent_at__isnull=True),
            ),
            models.Index(
                fields=["sent_at"],
                name="outbox_undone_idx",
                condition=models.Q(done_at__isnull=True, sent_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"


class Heartbeat(models.Model):
    """The last time a named beat reached a worker (`worker`: the outbox sweep, every
    minute); /readyz reads it."""

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    beat_at = models.DateTimeField(_("last beat"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.name
