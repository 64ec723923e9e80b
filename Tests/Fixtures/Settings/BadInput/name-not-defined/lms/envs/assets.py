"""Site asset settings that forgot `from lms.envs.production import *`."""
import os

STATIC_URL = "/static/"
NODE_MODULES_ROOT = REPO_ROOT / "node_modules"
STATIC_ROOT = os.environ.get("STATIC_ROOT_LMS", ENV_ROOT / "staticfiles")
