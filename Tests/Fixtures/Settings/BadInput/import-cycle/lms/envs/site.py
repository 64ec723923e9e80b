from .common import *
NODE_MODULES_ROOT = '/openedx/node_modules'
