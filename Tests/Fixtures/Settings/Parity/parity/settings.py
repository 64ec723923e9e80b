"""Production-style settings for the parity test: YAML config loaded like edx-platform does it."""
import codecs
import copy
import os

import yaml

from .base import *

CONFIG_FILE = os.environ["LMS_CFG"]
STATIC_ROOT_BASE = None
with codecs.open(CONFIG_FILE, encoding="utf-8") as f:
    __config__ = yaml.safe_load(f)
    ENV_TOKENS = __config__
    __config_copy__ = copy.deepcopy(__config__)
    for key in ["FEATURES"]:
        if key in __config_copy__:
            del __config_copy__[key]
    vars().update(__config_copy__)

FEATURES.update(ENV_TOKENS.get("FEATURES", {}))
if STATIC_ROOT_BASE:
    STATIC_ROOT = STATIC_ROOT_BASE
    WEBPACK_LOADER["WORKERS"]["STATS_FILE"] = os.path.join(STATIC_ROOT, "webpack-worker-stats.json")
LMS_ROOT_URL = ENV_TOKENS.get("LMS_ROOT_URL", "http://localhost")
MISSING_WITH_DEFAULT = ENV_TOKENS.get("NOT_THERE", {"default": True})
PROCTORING_BACKENDS = {
    "DEFAULT": "proctortrack",
    "proctortrack": {"base_url": LMS_ROOT_URL + "/pt", "client_id": ENV_TOKENS["PROCTORTRACK_CLIENT_ID"]},
}
