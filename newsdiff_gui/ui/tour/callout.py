"""The guided tour's drawing: a framed bubble with an arrow, and a ring around what it names.

Both are child widgets of the main window, laid over it. Where the bubble goes
is decided by `place_callout`, a plain function of rectangles: beside its
anchor, never over it, inside the window.

Signals of `Callout`: nextRequested(), skipRequested() — its buttons, Enter or Escape.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from newsdiff_gui.ui import theme

ARROW = 12  # how far the arrow's tip stands out of the bubble
GAP = 7  # between the tip and its anchor: outside the ring, never over the anchor
MARGIN = 8  # kept free between the bubble and the window's edges
RING = 4  # the highlight ring's distance outside its anchor
WIDTH = 340  # the bubble's width; its height follows the text


class Facing(enum.Enum):
    """Where the bubble stands relative to its anchor (its arrow points the other way)."""

    BELOW = "below"
    ABOVE = "above"
    LEFT = "left"
    RIGHT = "right"
    # No anchor on show (scrolled away, another article chosen): a corner, no arrow.
    CORNER = "corner"


@dataclass(frozen=True, slots=True)
class Placement:
    """The callout's geometry (bubble plus arrow), the arrow's tip, and which side it is on."""

    rect: QRect
    tip: QPoint
    facing: Facing

    def direction(self) -> QPoint:
        """A unit step from the tip toward the anchor."""
        return {
            Facing.BELOW: QPoint(0, -1),
            Facing.ABOVE: QPoint(0, 1),
            Facing.LEFT: QPoint(1, 0),
            Facing.RIGHT: QPoint(-1, 0),
            Facing.CORNER: QPoint(0, 0),
        }[self.facing]


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high)) if low <= high else low


def _overflow(rect: QRect, bounds: QRect) -> int:
    """How many pixels of `rect` stand outside `bounds`, summed over the four edges."""
    inner = bounds.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    return (
        max(0, inner.left() - rect.left())
        + max(0, rect.right() - inner.right())
        + max(0, inner.top() - rect.top())
        + max(0, rect.bottom() - inner.bottom())
    )


def _covered(rect: QRect, avoid: Sequence[QRect]) -> int:
    """The area of `rect` lying over the rectangles to keep clear."""
    total = 0
    for other in avoid:
        common = rect.intersected(other.adjusted(-RING - 3, -RING - 3, RING + 3, RING + 3))
        total += common.width() * common.height() if not common.isEmpty() else 0
    return total


def _candidate(
    anchor: QRect, size: QSize, bounds: QRect, facing: Facing, avoid: Sequence[QRect]
) -> Placement:
    """The callout on one side of the anchor, slid along that side to stay inside `bounds`
    and off the `avoid` rectangles, as far as its arrow can still reach the anchor."""
    inner = bounds.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    across = facing in (Facing.BELOW, Facing.ABOVE)  # the bubble slides along x
    width = size.width() + (0 if across else ARROW)
    height = size.height() + (ARROW if across else 0)
    length, low, high = (
        (width, inner.left(), inner.right())
        if across
        else (
            height,
            inner.top(),
            inner.bottom(),
        )
    )
    aim = anchor.center().x() if across else anchor.center().y()
    reach = ARROW + 6  # the arrow keeps this far from the bubble's corners
    # Where the bubble may start: its arrow on the anchor's centre line, inside the window.
    first, last = max(aim - length + reach, low), min(aim - reach, high + 1 - length)
    starts = {_clamp(aim - length // 2, first, last), first, last}
    for other in avoid:  # just past each rectangle to keep clear, on either side
        near, far = (other.left(), other.right()) if across else (other.top(), other.bottom())
        starts |= {near - RING - 4 - length, far + RING + 4}
    starts = {start for start in starts if first <= start <= last} or {first}

    def build(start: int) -> Placement:
        tip_along = _clamp(aim, start + reach, start + length - reach)
        if facing is Facing.BELOW:
            y = anchor.bottom() + 1 + GAP
            return Placement(QRect(start, y, width, height), QPoint(tip_along, y), facing)
        if facing is Facing.ABOVE:
            y = anchor.top() - GAP - height
            rect = QRect(start, y, width, height)
            return Placement(rect, QPoint(tip_along, y + height - 1), facing)
        if facing is Facing.LEFT:
            x = anchor.left() - GAP - width
            rect = QRect(x, start, width, height)
            return Placement(rect, QPoint(x + width - 1, tip_along), facing)
        x = anchor.right() + 1 + GAP
        return Placement(QRect(x, start, width, height), QPoint(x, tip_along), facing)

    centred = aim - length // 2
    return min(
        (build(start) for start in starts),
        key=lambda p: (
            _covered(p.rect, avoid),
            abs((p.rect.left() if across else p.rect.top()) - centred),
        ),
    )


def place_callout(
    anchor: QRect,
    size: QSize,
    bounds: QRect,
    prefer: Sequence[Facing],
    avoid: Sequence[QRect] = (),
) -> Placement:
    """The first side in `prefer` (then the others) where the callout fits inside `bounds`
    clear of `avoid`; failing that, the side leaving least of it outside, then least over
    `avoid`. The callout never overlaps its anchor: each side starts past the anchor's
    edge."""
    sides = [f for f in Facing if f is not Facing.CORNER]
    order = list(prefer) + [f for f in sides if f not in prefer]
    candidates = [_candidate(anchor, size, bounds, facing, avoid) for facing in order]
    for candidate in candidates:
        if _overflow(candidate.rect, bounds) == 0 and _covered(candidate.rect, avoid) == 0:
            return candidate
    return min(candidates, key=lambda c: (_overflow(c.rect, bounds), _covered(c.rect, avoid)))


def bubble_colour(palette: QPalette) -> QColor:
    """The Base colour with a faint tint of the accent, so the bubble stands apart from
    the panes it lies over (both Base) while its Text keeps the palette's contrast."""
    base = palette.color(QPalette.ColorRole.Base)
    return theme.blend(base, palette.color(QPalette.ColorRole.Highlight), 0.08)


def corner_placement(size: QSize, bounds: QRect) -> Placement:
    """The bubble in the window's bottom right corner, pointing at nothing."""
    inner = bounds.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    rect = QRect(QPoint(0, 0), size)
    rect.moveBottomRight(QPoint(inner.right() - 12, inner.bottom() - 24))
    return Placement(rect, rect.center(), Facing.CORNER)


def _label(text: str, parent: QWidget, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
    return label


class Callout(QWidget):
    """One step of the tour: a heading, a few sentences, "Skip tour" and "Next"/"Done"."""

    nextRequested = Signal()  # noqa: N815
    skipRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tour-callout")
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setAutoFillBackground(False)
        self.placement = Placement(QRect(), QPoint(), Facing.BELOW)
        self.heading = _label("", self, bold=True)
        self.body = _label("", self)
        self.step = _label("", self)
        self.skip = QPushButton("Skip tour", self)
        self.skip.setAccessibleName("Skip the tour")
        self.skip.setToolTip("Close the tour; Help → Show the tour again brings it back (Esc)")
        self.next = QPushButton("Next", self)
        for button in (self.skip, self.next):
            # Enter presses the focused button (outside a dialog Qt needs autoDefault for
            # that); Next has the focus, so Enter goes on and Escape (below) skips.
            button.setAutoDefault(True)
        self.skip.clicked.connect(self.skipRequested)
        self.next.clicked.connect(self.nextRequested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.step)
        buttons.addStretch(1)
        buttons.addWidget(self.skip)
        buttons.addWidget(self.next)
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.body)
        self.column.addSpacing(4)
        self.column.addLayout(buttons)
        self._restyle()

    def show_step(self, heading: str, body: str, number: int, total: int) -> None:
        last = number == total
        self.heading.setText(heading)
        self.body.setText(body)
        self.step.setText(f"{number} of {total}")
        self.next.setText("Done" if last else "Next")
        self.next.setAccessibleName("Finish the tour" if last else "Next tip")
        self.next.setToolTip("Finish the tour (Enter)" if last else "Next tip (Enter)")
        self.skip.setVisible(not last)  # on the last step, Done is the way out
        self.setAccessibleName(f"Tour, tip {number} of {total}: {heading}")
        self.setAccessibleDescription(body)

    def bubble_size(self) -> QSize:
        """The bubble's size without its arrow, for the width the bubble gets."""
        self._set_margins(None)
        return QSize(WIDTH, self.column.totalHeightForWidth(WIDTH))

    def place(self, placement: Placement) -> None:
        self.placement = placement
        self._set_margins(placement.facing)
        self.setGeometry(placement.rect)
        self.update()

    def _set_margins(self, facing: Facing | None) -> None:
        pad = 14
        self.column.setContentsMargins(
            pad + (ARROW if facing is Facing.RIGHT else 0),
            pad + (ARROW if facing is Facing.BELOW else 0),
            pad + (ARROW if facing is Facing.LEFT else 0),
            pad + (ARROW if facing is Facing.ABOVE else 0),
        )

    def arrow_tip(self) -> QPoint:
        """The tip of the arrow, in the parent's coordinates."""
        return self.placement.tip

    def _bubble(self) -> QRectF:
        facing = self.placement.facing
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        return rect.adjusted(
            ARROW if facing is Facing.RIGHT else 0,
            ARROW if facing is Facing.BELOW else 0,
            -ARROW if facing is Facing.LEFT else 0,
            -ARROW if facing is Facing.ABOVE else 0,
        )

    def _outline(self) -> QPainterPath:
        """The bubble's rounded rectangle united with its arrow, in widget coordinates."""
        bubble = self._bubble()
        tip = self.mapFromParent(self.placement.tip).toPointF()
        half = ARROW * 0.9
        facing = self.placement.facing
        path = QPainterPath()
        path.addRoundedRect(bubble, 8, 8)
        if facing is Facing.CORNER:
            return path
        if facing in (Facing.BELOW, Facing.ABOVE):
            base_y = bubble.top() + 1 if facing is Facing.BELOW else bubble.bottom() - 1
            points = [tip, QPointF(tip.x() - half, base_y), QPointF(tip.x() + half, base_y)]
        else:
            base_x = bubble.left() + 1 if facing is Facing.RIGHT else bubble.right() - 1
            points = [tip, QPointF(base_x, tip.y() - half), QPointF(base_x, tip.y() + half)]
        arrow = QPainterPath()
        arrow.addPolygon(QPolygonF(points))
        arrow.closeSubpath()
        return path.united(arrow)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # `with`: the painter is ended even if drawing raises (an unended painter
        # floods the log with "endPaint() called with active painter").
        with QPainter(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(bubble_colour(palette))
            painter.drawPath(self._outline())

    def _restyle(self) -> None:
        # The bubble is painted in (nearly) the Base colour: its labels take the Text
        # colour, so they keep the palette's own contrast in light and dark modes.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Text))
        for label in (self.heading, self.body, self.step):
            label.setPalette(palette)

    def changeEvent(self, event: object) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        super().changeEvent(event)  # type: ignore[arg-type]
        if getattr(event, "type", lambda: None)() == QEvent.Type.PaletteChange:
            self._restyle()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.skipRequested.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.nextRequested.emit()
        else:
            super().keyPressEvent(event)


class Ring(QWidget):
    """A highlight ring drawn just outside a rectangle; clicks pass through it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def surround(self, rect: QRect, bounds: QRect) -> None:
        """Ring `rect`, kept inside `bounds` (a menu title at the window's very edge)."""
        self.setGeometry(rect.adjusted(-RING - 2, -RING - 2, RING + 2, RING + 2) & bounds)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        with QPainter(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 6, 6)
