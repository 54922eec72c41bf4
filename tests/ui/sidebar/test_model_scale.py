"""The sidebar with 10,000 articles: work per report is per row, never per list.

No timings here (benchmarks/sidebar_scale.py has them): the tests count what the
model and the proxy do, which is what makes the window stall or not.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from newsdiff_gui.ui.sidebar import sorted_rows
from newsdiff_gui.ui.sidebar.model import (
    ArticleFilterProxy,
    ArticleItem,
    ArticleListModel,
    ArticleRole,
    SortOrder,
)
from newsdiff_gui.ui.sidebar.panel import Sidebar
from newsdiff_gui.ui.sidebar.sorted_rows import sort_key

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
MANY = 10_000


def item(article_id: int, minutes_ago: float | None, title: str = "") -> ArticleItem:
    return ArticleItem(
        id=article_id,
        url=f"https://outlet{article_id % 7}.example/news/{article_id}",
        title=title or f"Story {article_id * 7919 % MANY:05d}",
        domain=f"outlet{article_id % 7}.example",
        version_count=0 if minutes_ago is None else 2,
        last_changed_at=None if minutes_ago is None else NOW - timedelta(minutes=minutes_ago),
        unread_changes=0,
        last_error=None,
        active=True,
        stopped_reason=None,
    )


def many_items() -> list[ArticleItem]:
    # A fifth never captured (a source's new articles), the rest changed at spread times.
    return [item(i, None if i % 5 == 0 else (i * 37) % 20_000) for i in range(1, MANY + 1)]


class CountingProxy(ArticleFilterProxy):
    """Counts the Python calls the proxy makes per row."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def filterAcceptsRow(self, source_row: int, source_parent: Any) -> bool:  # noqa: N802
        self.calls += 1
        return super().filterAcceptsRow(source_row, source_parent)

    def lessThan(self, left: Any, right: Any) -> bool:  # noqa: N802
        self.calls += 1
        return bool(super().lessThan(left, right))


def proxy_ids(proxy: ArticleFilterProxy) -> list[int]:
    return [proxy.index(row, 0).data(ArticleRole.ID) for row in range(proxy.rowCount())]


def in_order(model: ArticleListModel, order: SortOrder) -> bool:
    keys = [sort_key(i, order) for i in model.items()]
    return keys == sorted(keys)


def test_refreshing_one_article_among_ten_thousand_touches_one_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = ArticleListModel()
    model.set_items(many_items())
    proxy = CountingProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    proxy.set_filter_text("story")  # a filter on: every row the proxy looks at is a call
    proxy.calls = 0
    keys_made = []
    monkeypatch.setattr(
        sorted_rows, "sort_key", lambda i, o: keys_made.append(i.id) or sort_key(i, o)
    )
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(
        lambda first, last, _roles=(): changed.append((first.row(), last.row()))
    )
    removed: list[int] = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append(last - first + 1))
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    resets: list[str] = []
    model.modelReset.connect(lambda: resets.append("reset"))
    model.layoutChanged.connect(lambda *_args: resets.append("layout"))
    model.rowsMoved.connect(lambda *_args: resets.append("moved"))  # the proxy refilters all

    # The oldest story changes now: it moves from the bottom to the top of the changed ones.
    oldest = model.items()[-1]
    model.update_item(replace(oldest, last_changed_at=NOW))
    assert removed == [1] and inserted == [1] and not resets and not changed
    assert model.row_of(oldest.id) == MANY // 5  # after the never-captured ones
    # A check that found nothing new: the row stays, and is repainted.
    model.update_item(replace(model.items()[100], unread_changes=1))
    assert changed == [(100, 100)] and removed == [1] and inserted == [1]
    assert proxy.calls <= 2  # the one row filtered again; no comparisons at all
    assert len(keys_made) <= 4  # per refresh, its new key (twice at most), not the list's
    assert in_order(model, SortOrder.LAST_CHANGE)
    assert proxy_ids(proxy) == [i.id for i in model.items()]


def test_checking_flags_and_lookups_by_id_touch_only_their_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = ArticleListModel()
    model.set_items(many_items())
    # Finding a row is a search over keys, never a walk over the items.
    read = []
    monkeypatch.setattr(ArticleListModel, "item_at", lambda self, row: read.append(row))
    for article_id in (1, 2, MANY // 2, MANY):
        row = model.row_of(article_id)
        assert row is not None and model.items()[row].id == article_id
    model.set_checking_many({3: True, 4: True})
    assert model.item(3).checking and model.item(4).checking  # type: ignore[union-attr]
    assert sum(i.checking for i in model.items()) == 2
    assert model.row_of(MANY + 1) is None and model.item(None) is None
    assert not read


def test_a_batch_of_ten_thousand_checks_starting_copies_no_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = ArticleListModel()
    model.set_items(many_items())
    looks: list[str] = []
    model.lookChanged.connect(lambda: looks.append("look"))
    keys_made: list[int] = []
    monkeypatch.setattr(
        sorted_rows, "sort_key", lambda i, o: keys_made.append(i.id) or sort_key(i, o)
    )
    every = {i.id: True for i in model.items()}
    model.set_checking_many(every)
    # One repaint report, no key made, no row replaced: the flag is read where it is shown.
    assert looks == ["look"] and not keys_made
    assert all(i.checking for i in model.items())
    assert model.index(0, 0).data(ArticleRole.ITEM).checking
    # A row refreshed while its check runs keeps showing it; the end of the check clears it.
    refreshed = replace(model.items()[7], unread_changes=3, checking=False)
    model.update_item(refreshed)
    assert model.item(refreshed.id).checking  # type: ignore[union-attr]
    model.set_checking_many(dict.fromkeys(every, False))
    assert not any(i.checking for i in model.items()) and looks == ["look", "look"]
    assert model.item(refreshed.id).unread_changes == 3  # type: ignore[union-attr]
    model.set_checking_many({MANY + 5: True})  # not listed: nothing to repaint
    assert looks == ["look", "look"]


def test_order_stays_right_through_inserts_moves_and_removals() -> None:
    chance = random.Random(14)
    model = ArticleListModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    listed: dict[int, ArticleItem] = {}
    next_id = 1
    for step in range(300):
        action = chance.random()
        if action < 0.5 or not listed:  # a batch of new articles, some ties on titles
            batch = []
            for _ in range(chance.randint(1, 30)):
                minutes = chance.choice([None, chance.randint(0, 500)])
                batch.append(item(next_id, minutes, title=chance.choice(["", "Same title"])))
                next_id += 1
            batch.append(chance.choice(list(listed.values()) or batch))  # listed already
            model.add_items(batch)
            listed.update((i.id, i) for i in batch if i.id not in listed)
        elif action < 0.85:  # a check changed one
            old = chance.choice(list(listed.values()))
            new = replace(old, last_changed_at=NOW + timedelta(minutes=step), title=f"T{step}")
            model.update_item(new)
            listed[new.id] = new
        else:
            gone = chance.choice(list(listed))
            model.remove_item(gone)
            del listed[gone]
        if step % 50 == 49:
            proxy.set_order(SortOrder.TITLE if step % 100 == 49 else SortOrder.LAST_CHANGE)
        assert sorted(i.id for i in model.items()) == sorted(listed)
        assert in_order(model, model.order)
        assert proxy_ids(proxy) == [i.id for i in model.items()]
    assert all(model.item(i) == listed[i] for i in listed)


def test_choosing_a_source_that_found_more_filters_only_the_new_rows() -> None:
    model = ArticleListModel()
    model.set_items(many_items())
    proxy = CountingProxy()
    proxy.setSourceModel(model)
    first = frozenset(range(1, 201))
    proxy.set_article_ids(first)
    assert sorted(proxy_ids(proxy)) == sorted(first)
    proxy.calls = 0
    more = first | {5000, 5001, 9999}
    proxy.set_article_ids(more)  # the source's poll listed three more of its articles
    assert sorted(proxy_ids(proxy)) == sorted(more)
    assert proxy.calls <= 3
    proxy.set_article_ids(more - {7})
    assert 7 not in proxy_ids(proxy) and len(proxy_ids(proxy)) == len(more) - 1
    proxy.set_article_ids(None)
    assert proxy.rowCount() == MANY


def test_changing_the_order_keeps_the_selected_article(qtbot: QtBot) -> None:
    model = ArticleListModel()
    model.set_items(many_items()[:500])
    sidebar = Sidebar(model)
    qtbot.addWidget(sidebar)
    assert sidebar.select_article(123)
    sidebar.set_order(SortOrder.TITLE)
    assert sidebar.order() is SortOrder.TITLE and in_order(model, SortOrder.TITLE)
    assert sidebar.current_article_id() == 123
    assert sidebar.view.currentIndex().data(ArticleRole.ID) == 123
    sidebar.set_order(SortOrder.LAST_CHANGE)
    assert sidebar.current_article_id() == 123


def test_the_selected_article_stays_selected_when_a_check_moves_it(qtbot: QtBot) -> None:
    model = ArticleListModel()
    model.set_items(many_items()[:500])
    sidebar = Sidebar(model)
    qtbot.addWidget(sidebar)
    reported: list[object] = []
    sidebar.currentArticleChanged.connect(reported.append)
    chosen = model.items()[-1]
    assert sidebar.select_article(chosen.id)
    model.update_item(replace(chosen, last_changed_at=NOW))  # changed: to the top
    assert model.row_of(chosen.id) == 100
    assert sidebar.current_article_id() == chosen.id
    assert sidebar.view.currentIndex().data(ArticleRole.ID) == chosen.id
    assert reported == [chosen.id]  # no flicker through "nothing selected"
    sidebar.filter_box.setText(chosen.title)
    hidden = replace(model.item(chosen.id), title="Renamed", last_changed_at=None)  # type: ignore[type-var]
    model.update_item(hidden)  # the filter hides it now: nothing is selected
    assert sidebar.current_article_id() is None and reported == [chosen.id, None]
