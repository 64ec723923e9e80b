from ..shared import *
