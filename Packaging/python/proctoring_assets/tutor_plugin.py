"""Tutor plugin `proctoring-assets` (entry point group `tutor.plugin.v1`).

Adds the proctoring-assets binary to the openedx image's build context and image, runs `build` right
after Tutor's collectstatic and `verify` on the static root, so that a wrong proctoring set-up fails
`tutor images build openedx` with the exact reason instead of shipping an image without a worker.
See the "Tutor" section of the README for the config keys and why the build runs at that point.
"""
import json
import os
import shlex
import typing as t

from tutor import hooks
from tutor.exceptions import TutorError

from proctoring_assets import BINARY_NAME, find_binary

# Where Tutor writes the openedx image's build context, relative to the environment root.
BUILD_CONTEXT = "build/openedx"

hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        # JS_ENV_EXTRA_CONFIG as a mapping: each value is the JavaScript expression the provider's worker
        # gets (webpack DefinePlugin semantics), e.g. a URL is '"https://proctor.example.com"'.
        ("PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG", {}),
        # PROCTORING_BACKENDS for the asset build and the LMS; empty: leave the settings alone.
        ("PROCTORING_ASSETS_BACKENDS", {}),
        # npm packages of the providers' workers (npm install arguments, e.g. "@edx/mockprock@1.2.0").
        ("PROCTORING_ASSETS_NPM_PACKAGES", []),
        # Run every worker in node during `verify` (ping, startExamAttempt, endExamAttempt).
        ("PROCTORING_ASSETS_SMOKE", False),
        # The settings module the build reads (Tutor's asset settings, as collectstatic uses).
        ("PROCTORING_ASSETS_SETTINGS", "lms.envs.tutor.assets"),
        # One image for every environment: build with --deploy-time-config, and let each openedx container
        # put this environment's PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG in at start (`configure`).
        ("PROCTORING_ASSETS_CONFIGURE_AT_START", False),
    ]
)


def _js_env_extra_config(value: t.Any) -> str:
    """The mapping as the JSON string JS_ENV_EXTRA_CONFIG holds, quoted for a shell."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TutorError(
            "PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG must be a mapping from names to JavaScript expressions "
            "written as strings (a URL is '\"https://...\"'), got: " + repr(value)
        )
    return shlex.quote(json.dumps(value, separators=(", ", ": ")))


def _json(value: t.Any) -> str:
    """The mapping as the JSON text `configure --config` reads."""
    _js_env_extra_config(value)  # the same check as for the build
    return json.dumps(value, separators=(", ", ": "))


def _python_literal(value: t.Any) -> str:
    """A mapping of plain data as a Python literal for a settings file."""
    json.dumps(value)  # only JSON-shaped data (strings, numbers, booleans, lists, mappings) is accepted
    return repr(value)


def _shell_words(values: t.Any) -> str:
    if isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise TutorError("PROCTORING_ASSETS_NPM_PACKAGES must be a list of npm package specs, got: " + repr(values))
    return " ".join(shlex.quote(v) for v in values)


hooks.Filters.ENV_TEMPLATE_FILTERS.add_items(
    [
        ("proctoring_assets_js_env_extra_config", _js_env_extra_config),
        ("proctoring_assets_json", _json),
        ("proctoring_assets_python_literal", _python_literal),
        ("proctoring_assets_shell_words", _shell_words),
    ]
)

# The binary reaches the build context as a template copied byte for byte. pip installed it into the
# scripts folder (bin/) and Tutor only copies files that lie in a template root, so that folder is the
# root, and only the file named `proctoring-assets` in it is a target.
_binary = find_binary()
hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(os.path.dirname(_binary))
hooks.Filters.ENV_TEMPLATE_TARGETS.add_item((BINARY_NAME, BUILD_CONTEXT))
# apps/openedx/config/proctoring-assets.json: this environment's JS_ENV_EXTRA_CONFIG, mounted at /openedx/config
# in every openedx container (a volume with `tutor local`, the openedx-config ConfigMap with `tutor k8s`).
hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates"))


@hooks.Filters.IS_FILE_RENDERED.add()
def _copy_binary_unrendered(rendered: bool, path: str) -> bool:
    return False if path == BINARY_NAME else rendered


# Tutor writes templates with the default mode; Tutor >= 22 lets a plugin act once the environment is
# saved. The image gets the mode from `COPY --chmod` in any case.
if hasattr(hooks.Actions, "ENV_SAVED"):

    @hooks.Actions.ENV_SAVED.add()
    def _make_binary_executable(root: str, _config: t.Any) -> None:
        path = os.path.join(root, BUILD_CONTEXT, BINARY_NAME)
        if os.path.isfile(path):
            os.chmod(path, 0o755)


hooks.Filters.ENV_PATCHES.add_items(
    [
        (
            "openedx-common-assets-settings",
            """{% if PROCTORING_ASSETS_BACKENDS %}
# proctoring-assets: the proctoring backends, for the asset build
PROCTORING_BACKENDS = {{ PROCTORING_ASSETS_BACKENDS|proctoring_assets_python_literal }}
{% endif %}""",
        ),
        (
            "openedx-lms-common-settings",
            """{% if PROCTORING_ASSETS_BACKENDS %}
# proctoring-assets: the proctoring backends the worker bundles were built for
PROCTORING_BACKENDS = {{ PROCTORING_ASSETS_BACKENDS|proctoring_assets_python_literal }}
{% endif %}""",
        ),
        (
            # After `npm run webpack`, collectstatic and rdfind: nothing later in the image build rewrites
            # workers.json (webpack's worker config reads it), the bundles or the stats file.
            "openedx-dockerfile",
            """# proctoring-assets: build the proctoring workers after collectstatic, so that nothing later
# in the build rewrites them, then check the static root the LMS serves
COPY --chmod=0755 proctoring-assets /usr/local/bin/proctoring-assets
{%- if PROCTORING_ASSETS_NPM_PACKAGES %}
ARG NPM_REGISTRY=https://registry.npmjs.org/
RUN npm install --no-save --no-audit --no-fund --registry=$NPM_REGISTRY {{ PROCTORING_ASSETS_NPM_PACKAGES|proctoring_assets_shell_words }}
{%- endif %}
# ENV rather than a prefix of the build: the development image (FROM production) runs webpack again, and
# its worker config reads the workers.json written here and this variable
ENV JS_ENV_EXTRA_CONFIG={{ PROCTORING_ASSETS_JS_ENV_EXTRA_CONFIG|proctoring_assets_js_env_extra_config }}
RUN proctoring-assets build --settings {{ PROCTORING_ASSETS_SETTINGS }} --python-path /openedx/edx-platform{% if PROCTORING_ASSETS_CONFIGURE_AT_START %} --deploy-time-config{% endif %}
RUN proctoring-assets verify / --env-root /openedx --static-root /openedx/staticfiles{% if PROCTORING_ASSETS_SMOKE %} --smoke{% endif %}""",
        ),
        (
            # The last stage of the image: every openedx container (lms, cms, workers, jobs) first puts this
            # environment's config into the worker bundles (nothing is written when it is already there).
            "openedx-dockerfile-final",
            """{% if PROCTORING_ASSETS_CONFIGURE_AT_START %}# proctoring-assets: this environment's JS_ENV_EXTRA_CONFIG into the worker bundles at start
ENTRYPOINT ["sh", "-c", "proctoring-assets configure /openedx/staticfiles --config /openedx/config/proctoring-assets.json && exec \\"$@\\"", "proctoring-assets-configure"]
{% endif %}""",
        ),
    ]
)
