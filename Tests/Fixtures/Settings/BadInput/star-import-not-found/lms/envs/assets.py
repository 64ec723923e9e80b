# a site module that forgot the shared settings
from lms.envs.prodution import *

STATIC_URL = '/static/'
