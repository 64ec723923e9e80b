from .missing_common import *
