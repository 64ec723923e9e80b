DEBUG = False
LMS_ROOT_URL = 'https://lms.example.com
STATIC_URL = '/static/'
