"""What happened to the tracked articles, in the app: since my last look, digest, feed."""
