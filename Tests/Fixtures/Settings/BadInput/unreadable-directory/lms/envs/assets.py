from lms.envs.tutor.production import *
NODE_MODULES_ROOT = '/openedx/edx-platform/node_modules'
