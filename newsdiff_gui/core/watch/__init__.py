"""The headless watcher: leases on due articles (claims.py) and the service that checks
them with several workers until stopped (service.py). Qt-free."""
