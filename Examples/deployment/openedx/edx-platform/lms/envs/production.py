"""
Production settings of the example deployment: read the LMS_CFG YAML file on top of common.py,
the way edx-platform's production settings do.
"""
import codecs
import os

import yaml

from .common import *

CONFIG_FILE = os.environ.get('LMS_CFG', ENV_ROOT / 'config' / 'lms.yml')

with codecs.open(CONFIG_FILE, encoding='utf-8') as config_file:
    __config__ = yaml.safe_load(config_file)

vars().update(__config__)

STATIC_ROOT_BASE = __config__.get('STATIC_ROOT_BASE', None)
if STATIC_ROOT_BASE:
    STATIC_ROOT = path(STATIC_ROOT_BASE)
    WEBPACK_LOADER['DEFAULT']['STATS_FILE'] = STATIC_ROOT / "webpack-stats.json"
    WEBPACK_LOADER['WORKERS']['STATS_FILE'] = STATIC_ROOT / "webpack-worker-stats.json"
