"""
Site-specific settings used to build static assets, as operators keep them outside edx-platform.
"""
from lms.envs.production import *  # pylint: disable=wildcard-import

LMS_ROOT_URL = 'https://lms.example.edu'
