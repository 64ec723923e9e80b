# Réglages du site
DEBUG = False
