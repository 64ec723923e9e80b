"""
Settings shared by every LMS environment of the example deployment.

Shaped like edx-platform's lms/envs/common.py: every path is derived from this file's location, so the
tree can live anywhere (ENV_ROOT is the folder that holds edx-platform).
"""
import os

from path import Path as path

from django.utils.translation import gettext_lazy as _

PLATFORM_NAME = _("Example University")

############################# Paths ###################################
PROJECT_ROOT = path(__file__).abspath().dirname().dirname()  # edx-platform/lms
REPO_ROOT = PROJECT_ROOT.dirname()  # edx-platform
COMMON_ROOT = REPO_ROOT / "common"
ENV_ROOT = REPO_ROOT.dirname()  # the folder edx-platform is in
NODE_MODULES_ROOT = REPO_ROOT / "node_modules"

DATA_DIR = ENV_ROOT / "data"

############################# Static files ############################
STATIC_ROOT = os.environ.get('STATIC_ROOT_LMS', ENV_ROOT / "staticfiles")
STATIC_URL = '/static/'
STATICFILES_DIRS = [
    COMMON_ROOT / "static",
    PROJECT_ROOT / "static",
]

WEBPACK_LOADER = {
    'DEFAULT': {
        'BUNDLE_DIR_NAME': 'bundles/',
        'STATS_FILE': os.path.join(STATIC_ROOT, 'webpack-stats.json'),
    },
    'WORKERS': {
        'BUNDLE_DIR_NAME': 'bundles/',
        'STATS_FILE': os.path.join(STATIC_ROOT, 'webpack-worker-stats.json'),
    },
}

LMS_ROOT_URL = 'http://localhost:8000'

############################# Proctoring ##############################
PROCTORING_SETTINGS = {}
PROCTORING_BACKENDS = {
    'DEFAULT': 'null',
    'null': {},
}

def _feature_flags():
    # Code like this is common in real settings; the tool treats it as unknown, never as an error.
    return {flag: True for flag in ('ENABLE_SPECIAL_EXAMS', 'ENABLE_PROCTORED_EXAMS')}

FEATURES = _feature_flags()
