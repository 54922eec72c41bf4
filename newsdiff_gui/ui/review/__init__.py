"""Review of the comparison on show: notes, verdicts and exports."""
