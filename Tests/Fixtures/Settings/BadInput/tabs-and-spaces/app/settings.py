import os
if os.environ.get("DEBUG"):
	DEBUG = True
        STATIC_URL = "/static/"
