if True:
        DEBUG = False
    STATIC_URL = '/static/'
