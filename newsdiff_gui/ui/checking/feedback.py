"""Where the results of checks are seen: the detail pane, the status bar, notifications.

The worker reports each finished check with the article's id. The sidebar row
is refreshed lazily (see live_updates.py), but what the user is looking at must
answer at once: for the selected article the pane says what happened (a failed
first check replaces "on its way" with the error and the next try), and a status
bar label names the failure for as long as the article is selected and failing.
It is a permanent label, not a transient message, because the batch's closing
message ("3 articles checked: 1 failed", batch_status.py) follows the last report
within the same moment and would replace it. A check that newly fails on another
article is announced by the notifier (the tray) or, without a tray, in the same
label for a while.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from newsdiff_gui.core.capture import CheckOutcome
from newsdiff_gui.core.store import Article, NotFound, StoreError, VersionStore
from newsdiff_gui.ui.app.detail_area import DetailArea, failure_text
from newsdiff_gui.ui.app.notifier import ChangeNotifier
from newsdiff_gui.ui.sidebar.model import ArticleItem, ArticleListModel

log = logging.getLogger(__name__)

# Gather failures this long, so a batch in which a site went down makes one notice.
GATHER_MS = 400
# How long a failure of another article stays in the label when there is no tray.
OTHER_FAILURE_MS = 15_000


class CheckFeedback(QObject):
    def __init__(
        self,
        store: VersionStore,
        model: ArticleListModel,
        detail: DetailArea,
        notifier: ChangeNotifier,
        status_bar: QStatusBar,
        selected: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._model, self._detail = store, model, detail
        self._notifier, self._selected = notifier, selected
        self.label = QLabel(status_bar)
        self.label.setObjectName("check-feedback")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        status_bar.addPermanentWidget(self.label)
        self._selected_failure = ""
        self._new_failures: list[tuple[str, str]] = []  # (title, message)
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.timeout.connect(self._announce)
        self._other = QTimer(self)
        self._other.setSingleShot(True)
        self._other.timeout.connect(self._show_selected)

    # -- reports -------------------------------------------------------------------

    def checks_started(self, article_ids: list[int]) -> None:
        selected = self._selected()
        if selected in article_ids:
            self._detail.article_checking(selected)

    def check_finished(self, article_id: int, outcome: str, message: str) -> None:
        before = self._model.item(article_id)
        if article_id == self._selected():
            article = self._read(article_id)
            if article is not None:
                self._model.update_item(ArticleItem.from_article(article))
                self._detail.article_checked(article)
                self.selection_changed(article)
            return
        if message and outcome != CheckOutcome.CANCELLED and _newly_failing(before):
            assert before is not None  # _newly_failing says so
            self._new_failures.append((before.shown_title, message))
            if not self._gather.isActive():
                self._gather.start(GATHER_MS)

    def selected(self, article_id: int | None) -> None:
        """The user selected this article (None: none)."""
        self.selection_changed(None if article_id is None else self._read(article_id))

    def selection_changed(self, article: Article | None) -> None:
        """The selected article (or none): the label shows its failure, if it has one."""
        failing = article is not None and bool(article.last_error)
        self._selected_failure = failure_text(article) if failing and article else ""
        if not self._other.isActive():
            self._show_selected()

    # -- showing -------------------------------------------------------------------

    def _show_selected(self) -> None:
        self._set_label(self._selected_failure)

    def _set_label(self, text: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(text)
        self.label.setVisible(bool(text))

    def _announce(self) -> None:
        failures, self._new_failures = self._new_failures, []
        if not failures:
            return
        if len(failures) == 1:
            ((title, message),) = failures
            heading, body = f"Check failed: {title}", message
        else:
            heading = f"{len(failures)} checks failed"
            body = "; ".join(f"{title}: {message}" for title, message in failures[:3])
            if len(failures) > 3:
                body += f"; and {len(failures) - 3} more"
        if self._notifier.check_failed(heading, body):
            return
        self._set_label(f"{heading} — {body}")
        self._other.start(OTHER_FAILURE_MS)

    def _read(self, article_id: int) -> Article | None:
        try:
            return self._store.get_article(article_id)
        except NotFound:
            return None
        except StoreError as exc:  # a busy database: the row refresh follows
            log.warning("could not read article %d: %s", article_id, exc)
            return None


def _newly_failing(before: ArticleItem | None) -> bool:
    """The article's previous check did not fail (or it had none): worth a notice.
    An article that keeps failing is marked in the sidebar, not announced each time."""
    return before is not None and not before.last_error
