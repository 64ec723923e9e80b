# lms/envs/tutor/assets.py as rendered by Tutor for the image build.
from ..common import *  # noqa: F401,F403
from openedx.core.lib.derived import derive_settings

ENABLE_COMPREHENSIVE_THEMING = True
COMPREHENSIVE_THEME_DIRS.append("/openedx/themes")
STATIC_ROOT_BASE = "/openedx/staticfiles"
STATIC_ROOT = STATIC_ROOT_BASE
LMS_ROOT_URL = "https://learn.example.com"

derive_settings(__name__)
