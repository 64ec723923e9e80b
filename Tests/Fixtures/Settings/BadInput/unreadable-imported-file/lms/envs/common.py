ENV_ROOT = '/openedx'
