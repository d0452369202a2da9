"""The forecast on the targets page (projects, below, offers the hook)."""

from projects import hooks

from .views import summary_panel

hooks.provide_targets_panel(summary_panel)
