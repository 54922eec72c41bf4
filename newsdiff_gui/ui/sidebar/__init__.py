"""The sidebar: the list of tracked articles and what can be done with them."""
