"""Tutor plugin: Proctortrack for the LMS (settings only)."""
from tutor import hooks

hooks.Filters.CONFIG_USER.add_item(("PROCTORING_BACKENDS", {"DEFAULT": "null", "null": {}}))

hooks.Filters.ENV_PATCHES.add_items([
    (
        "openedx-common-settings",
        "PROCTORING_BACKENDS = {{ PROCTORING_BACKENDS }}",
    ),
])
