ENV_ROOT = '/openedx'
STATIC_ROOT = ENV_ROOT + '/staticfiles'
