"""
Production settings in the shape of edx-platform's lms/envs/production.py: everything deployment-specific
comes from the YAML file named by LMS_CFG.
"""
# pylint: disable=wildcard-import, unused-wildcard-import

import codecs
import copy
import os

import yaml
from django.core.exceptions import ImproperlyConfigured

from .common import *


def get_env_setting(setting):
    """ Get the environment setting or raise exception """
    try:
        return os.environ[setting]
    except KeyError:
        error_msg = "Set the %s env variable" % setting
        raise ImproperlyConfigured(error_msg)  # lint-amnesty, pylint: disable=raise-missing-from


# A file path to a YAML file from which to load all the configuration for the edx platform
CONFIG_FILE = get_env_setting('LMS_CFG')

STATIC_ROOT_BASE = None
KEYS_WITH_MERGED_VALUES = [
    'FEATURES',
    'TRACKING_BACKENDS',
]

with codecs.open(CONFIG_FILE, encoding='utf-8') as f:
    __config__ = yaml.safe_load(f)

    # ENV_TOKENS and AUTH_TOKENS are included for reverse compatibility.
    ENV_TOKENS = __config__
    AUTH_TOKENS = __config__

    __config_copy__ = copy.deepcopy(__config__)
    for key in KEYS_WITH_MERGED_VALUES:
        if key in __config_copy__:
            del __config_copy__[key]

    vars().update(__config_copy__)

if STATIC_ROOT_BASE:
    STATIC_ROOT = path(STATIC_ROOT_BASE)
    WEBPACK_LOADER['DEFAULT']['STATS_FILE'] = STATIC_ROOT / "webpack-stats.json"
    WEBPACK_LOADER['WORKERS']['STATS_FILE'] = STATIC_ROOT / "webpack-worker-stats.json"

FEATURES.update(ENV_TOKENS.get('FEATURES', {}))
LMS_ROOT_URL = ENV_TOKENS.get('LMS_ROOT_URL', LMS_ROOT_URL)
SESSION_COOKIE_DOMAIN = ENV_TOKENS.get('SESSION_COOKIE_DOMAIN')
DATA_DIR = path(DATA_DIR)

if FEATURES.get('ENABLE_PROCTORED_EXAMS'):
    INSTALLED_APPS.append('edx_proctoring_proctortrack')

try:
    from .private import *  # pylint: disable=import-error
except ImportError:
    PRIVATE_SETTINGS_LOADED = False
