"""The version timeline of one article."""
