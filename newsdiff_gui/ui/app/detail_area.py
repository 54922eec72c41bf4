"""The right-hand area: the welcome page, an article's state, one version's text or a diff.

It decides which page fits what is selected; the pages do the drawing.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

from newsdiff_gui.core.report import version_source
from newsdiff_gui.core.schedule import is_imported_only
from newsdiff_gui.core.store import Article, NotFound, StoredVersion, VersionNotice, VersionStore
from newsdiff_gui.core.visible import visible_text
from newsdiff_gui.ui.app.empty_state import StatePage, WelcomePage
from newsdiff_gui.ui.diff.comparison import Side
from newsdiff_gui.ui.diff.version_text import VersionTextView
from newsdiff_gui.ui.diff.view import DiffView
from newsdiff_gui.ui.review.panel import ReviewPanel

# An article stored from a saved page whose site the user chose not to contact.
IMPORTED_ONLY_NOTE = (
    "Not checked: imported only. The live page has not been contacted. Check now "
    "fetches it once; Article → Start checking the live page checks it on schedule."
)


def version_caption(version: StoredVersion) -> str:
    when = version.captured_at.astimezone().strftime("%d %b %Y, %H:%M")
    return f"Version {version.number} · {when}"


def version_side(article: Article, version: StoredVersion, caption: str = "") -> Side:
    """A stored version as one side of a comparison, with what an export needs.

    The caption over its pane is in displayed form (it may hold the headline), and
    says when the version holds hidden characters, which the pane shows as markers.
    """
    caption = visible_text(caption or version_caption(version))
    if VersionNotice.HIDDEN_CHARACTERS in version.notices:
        caption += " · hidden characters"
    return Side(
        version.document,
        caption,
        source=version_source(version),
        article_id=article.id,
        version_id=version.id,
        article_url=article.url,
        extraction_doubt=version.suspect_reason if version.suspect_extraction else None,
    )


def failure_text(article: Article) -> str:
    """'The last check failed: HTTP 404 Not Found (10:47). Next try at 11:07.'"""
    text = f"The last check failed: {article.last_error}"
    if article.last_checked_at is not None:
        text += f" ({_clock(article.last_checked_at)})"
    text += "."
    if not article.active:
        text += " It is no longer checked."
    elif article.next_check_at is not None:
        text += f" Next try at {_clock(article.next_check_at)}."
    return text


def _clock(moment: datetime) -> str:
    """Local time: '10:47' today, '3 Mar, 10:47' on another day."""
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return f"{local.day} {local.strftime('%b, %H:%M')}"


class DetailArea(QStackedWidget):
    """Signals:

    addRequested(), importRequested(), demoRequested()
        From the welcome page's buttons.
    checkRequested(int article_id)
        From the state page of an article that has no version yet.
    diffShown(int changes)
        The diff page painted a comparison with `changes` changed rows (title included).
    """

    addRequested = Signal()  # noqa: N815
    importRequested = Signal()  # noqa: N815
    demoRequested = Signal()  # noqa: N815
    checkRequested = Signal(int)  # noqa: N815
    diffShown = Signal(int)  # noqa: N815

    def __init__(self, store: VersionStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.welcome = WelcomePage(self)
        self.state = StatePage(self)
        self.text = VersionTextView(self)
        # The diff and, beside it, the notes on it.
        self.diff_page = QSplitter(Qt.Orientation.Horizontal, self)
        self.diff_page.setObjectName("diff-splitter")
        self.diff = DiffView(self.diff_page)
        self.review_panel = ReviewPanel(self.diff_page)
        self.diff_page.addWidget(self.diff)
        self.diff_page.addWidget(self.review_panel)
        self.diff_page.setStretchFactor(0, 1)
        self.diff_page.setSizes([900, 280])
        for page in (self.welcome, self.state, self.text, self.diff_page):
            self.addWidget(page)
        self.welcome.addRequested.connect(self.addRequested)
        self.welcome.importRequested.connect(self.importRequested)
        self.welcome.demoRequested.connect(self.demoRequested)
        self.state.actionRequested.connect(self._state_action)
        self.diff.diffShown.connect(self.diffShown)
        self._article_id: int | None = None  # the stored article on show, if any
        self._not_captured: int | None = None  # the article whose "no version yet" is on show

    def show_welcome(self) -> None:
        self._article_id = None
        self.setCurrentWidget(self.welcome)

    def show_nothing_selected(self) -> None:
        self._article_id = None
        self.state.show_state(
            "No article selected", "Choose an article on the left to see how it changed."
        )
        self.setCurrentWidget(self.state)

    def show_comparison(self, article: Article, old_number: int, new_number: int) -> None:
        """Versions `old_number` → `new_number` of the article (0 = none)."""
        self._article_id = article.id
        if new_number == 0:
            self._show_not_captured(article)
            return
        try:
            new = self.store.get_version(article.id, new_number)
            old = self.store.get_version(article.id, old_number) if old_number else None
        except NotFound:
            self._show_not_captured(article)
            return
        if old is None:
            note = "Only one version so far: changes will appear here once the text changes."
            if article.version_count == 1 and is_imported_only(article):
                note = IMPORTED_ONLY_NOTE
            self.text.show_version(new, note if article.version_count == 1 else "")
            self.setCurrentWidget(self.text)
            return
        self.setCurrentWidget(self.diff_page)
        self.diff.compare(version_side(article, old), version_side(article, new))

    def show_sides(self, old: Side, new: Side) -> None:
        """Any two documents (File → Compare…), aligned in the background."""
        self._article_id = None
        self.setCurrentWidget(self.diff_page)
        self.diff.compare(old, new)

    # -- the diff's commands (the window's actions call these) ----------------------

    def next_change(self) -> bool:
        return self.diff.next_change()

    def previous_change(self) -> bool:
        return self.diff.previous_change()

    def current_change(self) -> int | None:
        """The display row of the change the reader is on, else the first change."""
        return self.diff.current_change()

    def current_change_band(self, old_side: bool = False) -> QRect | None:
        """Where that change stands in the old or new pane, in this widget's
        coordinates (cut to what is visible); None when it is not on screen."""
        band = self.diff.current_change_band(old_side)
        return None if band is None else band.translated(self.diff.mapTo(self, QPoint(0, 0)))

    def open_find(self) -> None:
        self.diff.open_find()

    def set_hide_unchanged(self, hide: bool) -> None:
        self.diff.set_hide_unchanged(hide)

    def set_hide_minor(self, hide: bool) -> None:
        self.diff.set_hide_minor(hide)

    def set_legend_visible(self, visible: bool) -> None:
        self.diff.legend.setVisible(visible)

    def shutdown(self) -> None:
        """Wait for the diff's running alignment (bounded)."""
        self.diff.shutdown()

    def showing_diff(self) -> bool:
        """Whether the diff page is the one on show."""
        return self.currentWidget() is self.diff_page

    def _show_not_captured(self, article: Article) -> None:
        self._not_captured = article.id
        if article.last_error:
            body = failure_text(article)
        else:
            body = "The first capture is on its way; it appears here as soon as it is stored."
        self.state.show_state("No version stored yet", f"{article.url}\n\n{body}", "Check now")
        self.setCurrentWidget(self.state)

    def _showing_not_captured(self, article_id: int) -> bool:
        return (
            article_id == self._article_id == self._not_captured
            and self.currentWidget() is self.state
        )

    def article_checking(self, article_id: int) -> None:
        """A check of the article started: say so if its pane waits for a first version."""
        if self._showing_not_captured(article_id):
            self.state.show_state(
                "No version stored yet", "Checking now: fetching the page and reading it…"
            )

    def article_checked(self, article: Article) -> None:
        """A check of the article ended without a new version: the pane says what happened
        at once (a new version reaches the pane through the timeline instead)."""
        if self._showing_not_captured(article.id) and not article.version_count:
            self._show_not_captured(article)

    def _state_action(self) -> None:
        if self._article_id is not None:
            self.checkRequested.emit(self._article_id)
