"""Shared settings for the parity test: only constructs the reader evaluates, so real Python and the
reader must agree on every upper-case name."""
import os
import os.path
import copy
from pathlib import Path

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = Path(BASE_DIR)
ENV_ROOT = ROOT.parent
NODE_MODULES_ROOT = ROOT / "node_modules"
STATIC_ROOT = os.environ.get("STATIC_ROOT_LMS", str(ENV_ROOT / "staticfiles"))
WEBPACK_LOADER = {
    "DEFAULT": {"BUNDLE_DIR_NAME": "bundles/", "STATS_FILE": os.path.join(STATIC_ROOT, "webpack-stats.json")},
    "WORKERS": {"BUNDLE_DIR_NAME": "bundles/", "STATS_FILE": os.path.join(STATIC_ROOT, "webpack-worker-stats.json")},
}
DEBUG = os.environ.get("DEBUG", "false").lower() == "true"
PORT = int(os.getenv("PORT", "8000"))
HOSTS = os.environ.get("HOSTS", "a.example.com,b.example.com").split(",")
SERVICE = os.environ["SERVICE_VARIANT"]

NUMBERS = [1_000, 0x1F, 0o17, 0b101, 2 ** 10, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 1.5, 1e-5, 2.0 * 3, 10 / 4]
TEXTS = ("it's", 'say "hi"', "tab\there", r"raw\n", "caf\u00e9", "a" "b" 'c', "x" * 3)
FORMATTED = [
    "%s-%d-%r" % ("a", 5, "q"),
    "%(name)s at %(port)d" % {"name": "lms", "port": PORT},
    "{}/{}".format("a", "b"),
    "{0}{1}{0}".format("x", "y"),
    "{host}:{port}".format(host="h", port=PORT),
    f"{SERVICE}-{PORT}-{HOSTS[0]!r}",
    f"{{literal}} {WEBPACK_LOADER['WORKERS']['BUNDLE_DIR_NAME']}",
]
BYTES = b"\x00\xffab" + b"c"
NOTHING = None
FLAGS = (True, False, not True, True and "yes", False or "fallback", None or 0)
COMPARISONS = [1 < 2 <= 2, "a" in "cat", "x" not in ["y"], NOTHING is None, 3 != 3.0, [1, 2] == [1, 2]]

FEATURES = {
    "ENABLE_PROCTORED_EXAMS": False,
    "ENABLE_SPECIAL_EXAMS": False,
}
FEATURES["ENABLE_SPECIAL_EXAMS"] = True
FEATURES.update({"A": 1}, B=2)
FEATURES.setdefault("C", 3)
FEATURES.setdefault("A", 99)
DEFAULT_FEATURES = copy.deepcopy(FEATURES)
FEATURE_KEYS = sorted(FEATURES)
FEATURE_COUNT = len(FEATURES)
MERGED = {**FEATURES, "D": 4} | {"E": 5}
PAIRS = dict([("x", 1), ("y", 2)], z=3)
FIRST, SECOND = "first", "second"
ONE = TWO = [1]
NESTED = {"a": {"b": {"c": [1, 2]}}}
NESTED["a"]["b"]["c"] += [3]
NESTED["a"]["new"] = "value"
APPS = ["a"]
APPS += ("b",)
APPS.append("c")
APPS.extend(["d"])
APPS.insert(0, "z")
APPS.remove("b")
for suffix in ("1", "2"):
    APPS.append("loop" + suffix)
TUPLE = tuple(APPS[:0]) + (1,)
LIST_OF_KEYS = list({"k1": 1, "k2": 2})
STRIPPED = "  padded/ ".strip().rstrip("/")
REPLACED = "a-b-c".replace("-", "_")
JOINED = ",".join(["a", "b"])
UPPER = "lms".upper()
STARTS = "https://x".startswith("https")

if DEBUG:
    MODE = "debug"
elif SERVICE == "lms":
    MODE = "lms"
else:
    MODE = "other"

try:
    from .optional_local import *  # noqa
except ImportError:
    LOCAL_SETTINGS = False
else:
    LOCAL_SETTINGS = True
