WEBPACK_LOADER = {
    'WORKERS': {'BUNDLE_DIR_NAME': 'bundles/'},

STATIC_URL = '/static/'
