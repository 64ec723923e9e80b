"""Parity probe: runs the real django-webpack-loader get_files() for a batch of cases, and the real
edx_proctoring BaseRestProctoringProvider.get_javascript() on the same lookup.

Usage: python loader_parity.py cases.json  (the loader under test must be first on PYTHONPATH)
cases.json: [{"id", "stats_file", "bundle_dir_name", "ignore", "bundle", "static_url", "static_root",
              "storage": "plain"|"manifest", "debug", "lms_root_url": str|null}]
Prints one JSON object per case on stdout: {"id", "urls": [...]} or {"id", "error_type", "message"}, plus
"edx_url" or "edx_error_type" for get_javascript().
"""
import json
import sys
import types
import warnings


def stub_module(name, **attributes):
    """edx-proctoring is installed without its dependencies; rest.py only needs these names to import."""
    module = types.ModuleType(name)
    module.__dict__.update(attributes)
    module.__getattr__ = lambda attribute: 0
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


for stubbed in ("jwt", "edx_rest_api_client", "rest_framework", "rest_framework.status"):
    stub_module(stubbed)
stub_module("edx_rest_api_client.client", OAuthAPIClient=object)
warnings.simplefilter("ignore")

import django
from django.conf import settings

cases = json.load(open(sys.argv[1], encoding="utf-8"))
settings.configure(
    DEBUG=False,
    SECRET_KEY="parity",
    LMS_ROOT_URL="https://lms.example.com",
    PROCTORING_SETTINGS={},
    SITE_NAME="parity",
    PLATFORM_NAME="parity",
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
from edx_proctoring.backends import rest  # noqa: E402

current_config = {}
# get_javascript() always asks for config "WORKERS"; route it to the case's own WEBPACK_LOADER entry.
rest.get_files = lambda name, config: get_files(name, config=current_config["id"])


class Provider:
    """Stands in for a REST backend instance: get_javascript() only reads npm_module."""

    def __init__(self, npm_module):
        self.npm_module = npm_module


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
        result = {"id": case["id"]}
        try:
            result["urls"] = [chunk["url"] for chunk in get_files(case["bundle"], config=case["id"])]
        except Exception as error:  # report every failure: the Swift side predicts its type
            result["error_type"] = type(error).__name__
            result["message"] = str(error)
        current_config["id"] = case["id"]
        if case["lms_root_url"] is None:
            del settings.LMS_ROOT_URL
        else:
            settings.LMS_ROOT_URL = case["lms_root_url"]
        try:
            result["edx_url"] = rest.BaseRestProctoringProvider.get_javascript(Provider(case["bundle"]))
        except Exception as error:
            result["edx_error_type"] = type(error).__name__
        print(json.dumps(result))
