"""Pages shown in the diff area when there is no diff: the newcomer's start page, and
a short state page for an article with nothing to compare yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from newsdiff_gui.ui import theme


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _body(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WelcomePage(QWidget):
    """Shown while no article is tracked.

    Signals: addRequested(), importRequested(), demoRequested(), tourRequested() — the
    user pressed the page's buttons.
    """

    addRequested = Signal()  # noqa: N815
    importRequested = Signal()  # noqa: N815
    demoRequested = Signal()  # noqa: N815
    tourRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = _heading("Watch a news article change", self)
        body = _body(
            "Add the address of an article you want to follow. newsdiff captures it now "
            "and checks it again on a schedule: every 30 minutes while the story is young, "
            "less often as it settles.\n\n"
            "Each time the text changes, a new version is stored. Pick an article on the "
            "left and a version in the timeline to see what changed, paragraph by "
            "paragraph: edited words struck through and underlined, paragraphs added, "
            "removed, moved, split or merged.\n\n"
            "Already saved a page from your browser (File → Save Page As…)? Import it, "
            "or drop the .html file on this window, to start from that copy.\n\n"
            "To look around first, open the demo: three fictional articles written for "
            "this app, with every kind of change a newsroom makes.",
            self,
        )
        add = QPushButton(theme.icon("add"), "Add article…", self)
        add.setDefault(True)
        add.clicked.connect(self.addRequested)
        imported = QPushButton(theme.icon("import"), "Import saved page…", self)
        imported.clicked.connect(self.importRequested)
        demo = QPushButton("Open demo", self)
        demo.setToolTip("Add three fictional demo articles to the list (remove them any time)")
        demo.clicked.connect(self.demoRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(imported)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        # The tour opens in a window of its own, on a temporary copy of the demo, so a
        # newcomer can try everything without touching their list (see ui/tour/session.py).
        self.tour_offer = QWidget(self)
        self.tour = QPushButton("Take the tour on a demo article", self.tour_offer)
        self.tour.setToolTip(
            "Four short tips in a separate window on a demo article; your own list is not changed"
        )
        self.tour.clicked.connect(self.tourRequested)
        tour_note = _body(
            "New here? Four tips on a fictional article show where the changes are, how "
            "to move between them, note them and export them.",
            self.tour_offer,
        )
        offer = QVBoxLayout(self.tour_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        offer.addWidget(tour_note)
        offer.addWidget(self.tour, 0, Qt.AlignmentFlag.AlignLeft)
        column = QVBoxLayout()
        column.addWidget(heading)
        column.addSpacing(8)
        column.addWidget(body)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addSpacing(20)
        column.addWidget(self.tour_offer)
        column.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(620)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 48, 32, 32)
        outer.addWidget(holder, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)

    def set_tour_offered(self, offered: bool) -> None:
        """Offer the tour until it has been taken or skipped once (Help brings it back)."""
        self.tour_offer.setVisible(offered)


class StatePage(QWidget):
    """A heading, an explanation and an optional action for the selected article.

    Signals: actionRequested() — the page's button was pressed.
    """

    actionRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _heading("", self)
        self.body = _body("", self)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.actionRequested)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 48, 32, 32)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addWidget(self.body)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_state(self, heading: str, body: str, action: str = "") -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.button.setText(action)
        self.button.setVisible(bool(action))
