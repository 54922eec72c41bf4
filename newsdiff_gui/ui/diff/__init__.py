"""The diff area: the two panes, the overview, find, and the Compare dialog."""
