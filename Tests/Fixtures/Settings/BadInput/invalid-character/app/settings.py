STATIC_URL = '/static/'
PRICE = $5
