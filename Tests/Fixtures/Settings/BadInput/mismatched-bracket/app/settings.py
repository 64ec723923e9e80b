INSTALLED_APPS = [
    'edx_proctoring',
)
