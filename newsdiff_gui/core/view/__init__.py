"""The reader's view of a comparison: what every renderer says about a `Diff`."""
