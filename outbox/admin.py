from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: what is queued, sent and done (the worker and the sweep write it)."""

    list_display = ("id", "task", "created_at", "sent_at", "sends", "done_at", "last_error")
    list_filter = ("task",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
