from .common import *
NODE_MODULES_ROOT = '/openedx/edx-platform/node_modules'
