"""proctoring-assets: the JavaScript worker bundles of Open edX proctoring providers, built and checked.

The wheel installs the native `proctoring-assets` binary into the environment's scripts folder (bin/), as
ruff and uv do; this package finds it again (for `python -m proctoring_assets` and the Tutor plugin).
"""
import os
import sys
import sysconfig

BINARY_NAME = "proctoring-assets"


def find_binary() -> str:
    """The path of the installed `proctoring-assets` binary.

    pip puts a wheel's scripts into the scheme it installs into: the virtualenv (or system) scripts folder,
    or the user scheme with `pip install --user`.
    """
    candidates = [sysconfig.get_path("scripts")]
    user_scheme = sysconfig.get_preferred_scheme("user") if hasattr(sysconfig, "get_preferred_scheme") else None
    if user_scheme:
        candidates.append(sysconfig.get_path("scripts", scheme=user_scheme))
    for folder in candidates:
        path = os.path.join(folder, BINARY_NAME)
        if os.path.isfile(path):
            return path
    raise FileNotFoundError(
        f"the {BINARY_NAME} binary is not in {' or '.join(candidates)}; reinstall the proctoring-assets wheel"
    )


def main() -> None:
    binary = find_binary()
    os.execv(binary, [binary, *sys.argv[1:]])
