"""The headless watcher (service.py): checks due articles with several workers until
stopped, each article claimed with a lease (the claims live with the rest of the store's
SQL, in core/store/claim_store.py). Qt-free."""
