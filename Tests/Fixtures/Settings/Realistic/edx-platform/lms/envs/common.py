# -*- coding: utf-8 -*-
"""
Settings shared by every LMS deployment of this test tree.

Written for proctoring-assets' tests in the shape of edx-platform's lms/envs/common.py: a long module of
ordinary Python, most of which the settings reader only has to parse, not run.
"""
# pylint: disable=unused-import, wildcard-import

import importlib.util
import os
import sys
from datetime import timedelta
from enum import Enum

from corsheaders.defaults import default_headers as corsheaders_default_headers
from django.utils.translation import gettext_lazy as _
from path import Path as path

from openedx.core.lib.derived import Derived
from openedx.core.release import doc_version
from xmodule.modulestore.modulestore_settings import update_module_store_settings

################################### FEATURES ###################################
PLATFORM_NAME = _('Your Platform Name Here')
PLATFORM_DESCRIPTION = _('Your Platform Description Here')
CC_MERCHANT_NAME = PLATFORM_NAME

PLATFORM_FACEBOOK_ACCOUNT = "http://www.facebook.com/YourPlatformFacebookAccount"

COURSEWARE_ENABLED = True
ENABLE_JASMINE = False

FEATURES = {
    'DISPLAY_DEBUG_INFO_TO_STAFF': True,
    'DISPLAY_HISTOGRAMS_TO_STAFF': False,
    'ENABLE_SPECIAL_EXAMS': False,
    'ENABLE_PROCTORED_EXAMS': False,
    'MAX_ENROLLMENT_INSTR_BUTTONS': 200,
    'ENABLE_DISCUSSION_SERVICE': True,
    'LICENSING': False,
    'CERTIFICATES_HTML_VIEW': False,
    "ENABLE_COURSEWARE_MICROFRONTEND": True,
}

ENABLE_JASMINE = ENABLE_JASMINE or 'jasmine' in sys.argv

################################# Paths ########################################

PROJECT_ROOT = path(__file__).abspath().dirname().dirname()  # the lms folder
REPO_ROOT = PROJECT_ROOT.dirname()
COMMON_ROOT = REPO_ROOT / "common"
OPENEDX_ROOT = REPO_ROOT / "openedx"
ENV_ROOT = REPO_ROOT.dirname()  # the folder edx-platform sits in
COURSES_ROOT = ENV_ROOT / "data"
NODE_MODULES_ROOT = REPO_ROOT / "node_modules"

DATA_DIR = COURSES_ROOT

sys.path.append(REPO_ROOT)
sys.path.append(PROJECT_ROOT / 'djangoapps')

GEOIP_PATH = REPO_ROOT / "common" / "static" / "data" / "geoip" / "GeoLite2-Country.mmdb"

NODE_BIN = os.path.join(NODE_MODULES_ROOT, '.bin')


class Colour(Enum):
    """Not a setting; a class the reader must skip."""
    RED = 1
    GREEN = 2

    @property
    def lower_name(self):
        return self.name.lower()


def _make_mako_template_dirs(settings):
    """
    Derived setting: the reader binds the function name as unknown and moves on.
    """
    if settings.ENABLE_COMPREHENSIVE_THEMING:
        themes_dirs = [path(d) for d in settings.COMPREHENSIVE_THEME_DIRS]
        return [td / 'templates' for td in themes_dirs if (td / 'templates').isdir()] + list(settings.TEMPLATE_DIRS)
    return [*settings.TEMPLATE_DIRS]


async def _poll(interval: float = 1.0, *args, retries=3, **kwargs) -> None:
    async with _session() as session:
        async for item in session.stream():
            await item.ack()
    return None


MAKO_TEMPLATE_DIRS_BASE = [
    PROJECT_ROOT / 'templates',
    COMMON_ROOT / 'templates',
    COMMON_ROOT / 'lib' / 'capa' / 'capa' / 'templates',
    OPENEDX_ROOT / 'core' / 'djangoapps' / 'cors_csrf' / 'templates',
]

TEMPLATES = [
    {
        'NAME': 'django',
        'BACKEND': 'django.template.backends.django.DjangoTemplates',
        'DIRS': MAKO_TEMPLATE_DIRS_BASE,
        'OPTIONS': {
            'loaders': [
                'common.djangoapps.edxmako.makoloader.MakoFilesystemLoader',
                'django.template.loaders.app_directories.Loader',
            ],
            'context_processors': (
                'django.template.context_processors.request',
                'django.template.context_processors.static',
            ),
            'debug': False,
        },
    },
    {
        'NAME': 'mako',
        'BACKEND': 'common.djangoapps.edxmako.backend.Mako',
        'DIRS': Derived(_make_mako_template_dirs),
        'OPTIONS': {'debug': False},
    },
]

DEFAULT_TEMPLATE_ENGINE = TEMPLATES[0]
DEFAULT_TEMPLATE_ENGINE_DIRS = DEFAULT_TEMPLATE_ENGINE['DIRS'][:]

############################## Site / URLs #####################################

SITE_NAME = "localhost"
HTTPS = 'on'
ROOT_URLCONF = 'lms.urls'
LMS_ROOT_URL = 'https://localhost:18000'
LMS_INTERNAL_ROOT_URL = LMS_ROOT_URL
LMS_ENROLLMENT_API_PATH = "/api/enrollment/v1/"
LOGIN_REDIRECT_WHITELIST = []
CMS_BASE = 'localhost:18010'
LEARNING_MICROFRONTEND_URL = f"{LMS_ROOT_URL}/learning"
ACCOUNT_MICROFRONTEND_URL = None
ID_VERIFICATION_SUPPORT_LINK = '{root}/verify'.format(root=LMS_ROOT_URL)
SUPPORT_SITE_LINK = "%s/support" % LMS_ROOT_URL
HELP_TOKENS_BOOKS = {
    'learner': 'https://edx.readthedocs.io/projects/open-edx-learner-guide',
    'course_author': 'https://edx.readthedocs.io/projects/open-edx-building-and-running-a-course',
}
HELP_TOKENS_VERSION = doc_version()

#################### Numbers, strings and other literals #######################

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14  # two weeks
MAX_FILE_SIZE = 1_000_000
FILE_MODE = 0o644
COLOUR_MASK = 0xFF_00_FF
SMALL_FRACTION = 1e-5
IMAGINARY = 3j
RAW_PATTERN = r'^/courses/(?P<course_id>[^/]+)/\w+$'
BYTES_MARKER = rb'\x00raw'
SECRET_BYTES = b'\x01\x02abc'
UNICODE_TEXT = 'caf\u00e9 \N{BULLET} \t tab'
TRIPLE_DOC = """first line
second line with a 'quote' and a "double"
"""
LONG_LINE = "part one, " \
    "part two"
IMPLICIT = ("joined "
            "across lines")
ELLIPSIS_HOLDER = ...
NEGATIVE = -5
POWER = 2 ** 10
DIVISION = 7 // 2
TIMEOUT = timedelta(seconds=30)

################################ Clever Python #################################

COURSE_KEY_PATTERN = r'(?P<course_key_string>[^/+]+(/|\+)[^/+]+(/|\+)[^/?]+)'
COURSE_ID_PATTERN = COURSE_KEY_PATTERN.replace('course_key_string', 'course_id')
ALL_LANGUAGES = [[code, name] for code, name in (("en", "English"), ("fr", "French"))]
LANGUAGE_DICT = {code: name for code, name in ALL_LANGUAGES}
SORTED_SET = sorted({'b', 'a', 'c'})
SQUARES = list(map(lambda value: value * value, range(5)))
GENERATOR_TOTAL = sum(x for x in range(10) if x % 2)
if (count := len(FEATURES)) > 3:
    MANY_FEATURES = True
else:
    MANY_FEATURES = False
FIRST, *REST = [1, 2, 3]
LEFT, RIGHT = 'left', 'right'
A_VALUE = B_VALUE = 'chained'
CONDITIONAL_EXPRESSION = 'yes' if FEATURES['LICENSING'] else 'no'
LOOKUP = FEATURES.get('DOES_NOT_EXIST', 'fallback')
NESTED_CALL = dict(a=1, **{'b': 2})
TUPLE_OF_ONE = ('only',)
STARRED_LIST = [*MAKO_TEMPLATE_DIRS_BASE[:1], 'extra']
MATRIX = [[0] * 3 for _ in range(3)]

match os.environ.get('SERVICE_VARIANT'):
    case 'lms' | None:
        VARIANT_LABEL = 'lms'
    case str(other) if other.startswith('cms'):
        VARIANT_LABEL = 'studio'
    case _:
        VARIANT_LABEL = 'other'

for code in ('ar', 'he'):
    RTL_EXAMPLE = code

while False:
    NEVER = True

try:
    import newrelic.agent
    NEWRELIC_AVAILABLE = True
except ImportError:
    NEWRELIC_AVAILABLE = False

with open(os.devnull) as ignored_file, open(os.devnull) as also_ignored:
    pass

global_value = lambda *a, **k: (a, k)

@Derived
def derived_setting(settings):
    return settings.PLATFORM_NAME.upper()


class Inner:
    class Nested:
        VALUE = [x for x in range(3)]

    def method(self, /, positional, *, keyword=None):
        nonlocal_holder = 0

        def closure():
            nonlocal nonlocal_holder
            nonlocal_holder += 1
        return closure


assert isinstance(FEATURES, dict), "FEATURES must be a dict"
del global_value

############################# Static files #####################################

STATIC_ROOT = os.environ.get('STATIC_ROOT_LMS', ENV_ROOT / "staticfiles")
STATIC_URL = '/static/'
STATICFILES_DIRS = [
    COMMON_ROOT / "static",
    PROJECT_ROOT / "static",
    NODE_MODULES_ROOT / "@edx",
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
WEBPACK_CONFIG_PATH = 'webpack.prod.config.js'

############################# Proctoring #######################################

PROCTORING_BACKENDS = {
    'DEFAULT': 'null',
    # The null provider is the default.
    'null': {},
}
PROCTORING_SETTINGS = {}

INSTALLED_APPS = [
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'edx_proctoring',
]
INSTALLED_APPS += ['lms.djangoapps.courseware']
MIDDLEWARE = ('a.Middleware',)
MIDDLEWARE += ('b.Middleware',)
update_module_store_settings(MODULESTORE := {}, doc_store_settings={})
