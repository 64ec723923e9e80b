"""Runs edx_proctoring's real make_worker_config the way EdxProctoringConfig.ready() calls it.

usage: run_make_worker_config.py SITE_PACKAGES NODE_MODULES_ROOT ENV_ROOT PROCTORING_BACKENDS_JSON
Prints {"returned": bool, "warnings": [str, ...]} as JSON on stdout.
"""
import json
import os
import sys
import warnings

site_packages, node_modules_root, env_root, backends_json = sys.argv[1:5]
sys.path.insert(0, site_packages)

from django.conf import settings  # noqa: E402

settings.configure(
    NODE_MODULES_ROOT=node_modules_root,
    ENV_ROOT=env_root,
    PROCTORING_BACKENDS=json.loads(backends_json),
)

from stevedore.extension import ExtensionManager  # noqa: E402

from edx_proctoring.apps import BACKEND_CONFIGURATION_ALLOW_LIST, make_worker_config  # noqa: E402

# The loop of EdxProctoringConfig.ready() (edx_proctoring/apps.py): only entry points that are keys of
# PROCTORING_BACKENDS are instantiated, in entry-point order; a KeyError skips the backend.
config = settings.PROCTORING_BACKENDS
backends = {}
for extension in ExtensionManager(namespace='openedx.proctoring'):
    name = extension.name
    try:
        options = {key: val for (key, val) in config[name].items() if key in BACKEND_CONFIGURATION_ALLOW_LIST}
        backends[name] = extension.plugin(**options)
    except KeyError:
        pass

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    returned = make_worker_config(list(backends.values()), out=os.path.join(settings.ENV_ROOT, 'workers.json'))

print(json.dumps({'returned': returned, 'warnings': [str(w.message) for w in caught], 'backends': list(backends)}))
