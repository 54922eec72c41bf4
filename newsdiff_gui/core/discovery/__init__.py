"""Sources: feeds and section pages → the article addresses they list (no Qt)."""
