"""Runs Django's real collectstatic with ManifestStaticFilesStorage and prints STATIC_ROOT/staticfiles.json.

Usage: python collectstatic_parity.py <source dir> <static root>
"""
import sys

import django
from django.conf import settings

source, static_root = sys.argv[1], sys.argv[2]
settings.configure(
    DEBUG=False,
    STATIC_URL="/static/",
    STATIC_ROOT=static_root,
    STATICFILES_DIRS=[source],
    INSTALLED_APPS=["django.contrib.staticfiles"],
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}},
)
django.setup()

from django.core.management import call_command  # noqa: E402

call_command("collectstatic", interactive=False, verbosity=0)
with open(f"{static_root}/staticfiles.json", encoding="utf-8") as manifest:
    sys.stdout.write(manifest.read())
