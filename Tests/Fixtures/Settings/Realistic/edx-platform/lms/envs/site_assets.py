"""Site-specific settings for building assets: what a deployment would keep next to production.py."""
from .production import *

PROCTORING_BACKENDS = {
    'DEFAULT': 'proctortrack',
    'proctortrack': {
        'client_id': os.environ.get('PROCTORTRACK_CLIENT_ID', 'build-client'),
        'base_url': f"{LMS_ROOT_URL}/proctortrack",
    },
    'null': {},
}
PROCTORING_BACKENDS['proctortrack']['integration_specific_email'] = "support@example.com"
WEBPACK_LOADER['WORKERS']['BUNDLE_DIR_NAME'] = 'worker-bundles/'
