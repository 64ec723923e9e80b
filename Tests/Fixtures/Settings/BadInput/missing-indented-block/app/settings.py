if DEBUG:
STATIC_URL = '/static/'
