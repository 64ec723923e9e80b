from .site import *
ENV_ROOT = '/openedx'
