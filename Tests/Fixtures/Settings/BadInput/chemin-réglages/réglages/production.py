PLATFORM_NAME = 'Université'; DEBUG = = True
