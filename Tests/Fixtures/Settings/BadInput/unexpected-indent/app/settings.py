DEBUG = False
  STATIC_URL = '/static/'
