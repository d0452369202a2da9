from django.contrib import admin

from .models import ForecastRun


@admin.register(ForecastRun)
class ForecastRunAdmin(admin.ModelAdmin):
    """Read-only: runs are made by the nightly task."""

    list_display = ("year", "as_of", "status", "seconds", "finished_at")
    list_filter = ("status", "year")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
