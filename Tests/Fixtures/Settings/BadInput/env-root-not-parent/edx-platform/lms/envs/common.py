from path import Path as path
REPO_ROOT = path(__file__).abspath().dirname().dirname().dirname()
ENV_ROOT = path('/openedx/venv')
NODE_MODULES_ROOT = REPO_ROOT / 'node_modules'
