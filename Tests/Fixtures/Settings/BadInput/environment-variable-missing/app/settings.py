import os
from path import Path as path
REPO_ROOT = path(__file__).abspath().dirname().dirname()
ENV_ROOT = REPO_ROOT.dirname()
NODE_MODULES_ROOT = REPO_ROOT / 'node_modules'
CONFIG_FILE = os.environ['LMS_CFG']
