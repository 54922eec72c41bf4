"""One row numbering: the headline is 0, body row N is `Diff.rows[N - 1]`."""

from __future__ import annotations

import pytest

from newsdiff_gui.core.rows import RowKey


def test_row_keys_number_the_headline_zero_and_body_rows_from_one() -> None:
    assert RowKey.headline().label == "headline" and RowKey.headline().anchor == "row-0"
    assert RowKey.body(2) == RowKey(3) and RowKey(3).label == "row 3"
    assert RowKey(3).index == 2 and RowKey(3).anchor == "row-3"
    assert RowKey.headline() < RowKey.body(0) < RowKey.body(1)
    with pytest.raises(ValueError):
        _ = RowKey.headline().index
    with pytest.raises(ValueError):
        RowKey(-1)
    with pytest.raises(ValueError):
        RowKey.body(-1)
