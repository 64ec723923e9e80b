"""Parity probe: runs the real django-webpack-loader get_files() for a batch of cases.

Usage: python loader_parity.py cases.json  (the loader under test must be first on PYTHONPATH)
cases.json: [{"id", "stats_file", "bundle_dir_name", "ignore", "bundle", "static_url", "static_root",
              "storage": "plain"|"manifest", "debug"}]
Prints one JSON object per case on stdout: {"id", "urls": [...]} or {"id", "error_type", "message"}.
"""
import json
import sys

import django
from django.conf import settings

cases = json.load(open(sys.argv[1], encoding="utf-8"))
settings.configure(
    DEBUG=False,
    SECRET_KEY="parity",
    STATIC_URL="/static/",
    STATIC_ROOT="/nonexistent",
    INSTALLED_APPS=["django.contrib.staticfiles", "webpack_loader"],
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    WEBPACK_LOADER={
        case["id"]: {
            "STATS_FILE": case["stats_file"],
            "BUNDLE_DIR_NAME": case["bundle_dir_name"],
            "IGNORE": case["ignore"],
            "CACHE": False,
        }
        for case in cases
    },
)
django.setup()

from django.test.utils import override_settings  # noqa: E402  (needs configured settings)
import webpack_loader  # noqa: E402
from webpack_loader.utils import get_files  # noqa: E402

BACKENDS = {
    "plain": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "manifest": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
}
print(json.dumps({"id": "__version__", "version": getattr(webpack_loader, "__version__", "")}))
for case in cases:
    storages = {"staticfiles": {"BACKEND": BACKENDS[case["storage"]]}}
    with override_settings(
        STATIC_URL=case["static_url"], STATIC_ROOT=case["static_root"], STORAGES=storages, DEBUG=case["debug"]
    ):
        try:
            urls = [chunk["url"] for chunk in get_files(case["bundle"], config=case["id"])]
            print(json.dumps({"id": case["id"], "urls": urls}))
        except Exception as error:  # report every failure: the Swift side predicts its type
            print(json.dumps({"id": case["id"], "error_type": type(error).__name__, "message": str(error)}))
