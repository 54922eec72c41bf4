"""Paints one sidebar row: state icons, a two-line title, the outlet line, an unread badge.

Rows have one height (two title lines are always reserved) so the list can use
uniform item sizes and long lists scroll without measuring every title.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from newsdiff_gui.ui import theme
from newsdiff_gui.ui.sidebar.model import ArticleItem, ArticleRole, relative_time

PADDING = 8
ICON = 16
GAP = 6


def wrap_two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Greedy word wrap into at most two lines, the second elided if needed."""
    words = text.split()
    first = ""
    rest_start = len(words)
    for position, word in enumerate(words):
        candidate = f"{first} {word}" if first else word
        if metrics.horizontalAdvance(candidate) > width:
            rest_start = position
            break
        first = candidate
    if not first:  # one enormous word: elide it on the first line
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    rest = " ".join(words[rest_start:])
    if not rest:
        return [first]
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class ArticleDelegate(QStyledItemDelegate):
    # Painting runs for every visible row on every update while checks report in:
    # fonts and wrapped titles are computed once and reused.
    _CACHE_LIMIT = 4000
    _PIXMAP_LIMIT = 400  # a few screens of rows in each of their states

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pixmaps: dict[tuple[object, ...], QPixmap] = {}
        # Rasterise the state icons now, not in the first paint of a batch of checks.
        for name in STATE_ICONS:
            theme.icon(name)
        self._font_cache: dict[str, tuple[QFont, QFont]] = {}
        self._wrap_cache: dict[tuple[str, int, str], list[str]] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        base: QFont = option.font
        key = base.key()
        fonts = self._font_cache.get(key)
        if fonts is None:
            title = QFont(base)
            title.setWeight(QFont.Weight.DemiBold)
            meta = QFont(base)
            meta.setPointSizeF(max(7.0, meta.pointSizeF() * 0.9))
            fonts = self._font_cache[key] = (title, meta)
        return fonts

    def _wrapped(self, title: str, font: QFont, width: int) -> list[str]:
        key = (title, width, font.key())
        lines = self._wrap_cache.get(key)
        if lines is None:
            if len(self._wrap_cache) > self._CACHE_LIMIT:
                self._wrap_cache.clear()
            lines = self._wrap_cache[key] = wrap_two_lines(title, QFontMetrics(font), width)
        return lines

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        title, meta = self._fonts(option)
        height = 2 * QFontMetrics(title).lineSpacing() + QFontMetrics(meta).lineSpacing()
        return QSize(200, height + 2 * PADDING + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item: ArticleItem | None = index.data(ArticleRole.ITEM)
        if item is None:
            return
        # While checks report in, every visible row is repainted many times a second,
        # and each Qt call from Python takes the GIL that the checker's threads want
        # too. A row is drawn once into a pixmap and then copied, in one call, until
        # anything it shows changes (item, its relative time, size, state, palette).
        # "Checking now" is drawn over the copy: a batch of checks flips it on every
        # row at once, and that must not mean drawing every row again.
        still = replace(item, checking=False) if item.checking else item
        rect: QRect = option.rect
        ratio = painter.device().devicePixelRatioF()
        key = (
            still,
            _meta_line(still),
            rect.width(),
            rect.height(),
            int(option.state.value),
            option.palette.cacheKey(),
            ratio,
        )
        pixmap = self._pixmaps.pop(key, None)
        if pixmap is None:
            pixmap = self._render(option, index, still, ratio)
        elif len(self._pixmaps) >= self._PIXMAP_LIMIT:
            del self._pixmaps[next(iter(self._pixmaps))]  # least recently used
        self._pixmaps[key] = pixmap  # (re)inserted last: most recently used
        painter.drawPixmap(rect.topLeft(), pixmap)
        if item.checking:
            self._paint_checking(painter, option, still)

    def _paint_checking(
        self, painter: QPainter, option: QStyleOptionViewItem, still: ArticleItem
    ) -> None:
        """The "checking now" icon in the first icon slot, over whatever stood there."""
        rect: QRect = option.rect
        slot = QRect(rect.left() + PADDING, rect.top() + PADDING, ICON, ICON)
        if _state_icons(still):
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
            painter.fillRect(slot, option.palette.color(role))
        theme.icon("checking").paint(painter, slot)

    def _render(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        item: ArticleItem,
        ratio: float,
    ) -> QPixmap:
        pixmap = QPixmap(option.rect.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        local = QStyleOptionViewItem(option)
        local.rect = QRect(0, 0, option.rect.width(), option.rect.height())
        self._draw(painter, local, index, item)
        painter.end()
        return pixmap

    def _draw(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        item: ArticleItem,
    ) -> None:
        painter.save()
        # The style draws selection, hover and focus consistently with the platform.
        # (No initStyleOption: it asks the model for a dozen roles we never show.)
        style_option = QStyleOptionViewItem(option)
        style_option.text = ""
        widget = style_option.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)

        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = palette.color(text_role)
        background = palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        # Secondary text: a third of the way to the background keeps ≥ 4.5:1.
        meta_colour = theme.blend(text_colour, background, 0.3)
        title_font, meta_font = self._fonts(option)

        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        # State icons in a left column, one under the other.
        icons = _state_icons(item)
        y = inner.top()
        for name in icons[:3]:
            theme.icon(name).paint(painter, QRect(inner.left(), y, ICON, ICON))
            y += ICON + 2
        left = inner.left() + ICON + GAP

        badge_width = 0
        if item.unread_changes:
            badge_width = self._paint_badge(
                painter, item.unread_changes, meta_font, inner, palette if selected else None
            )

        title_metrics = QFontMetrics(title_font)
        title_width = inner.right() - left - (badge_width + GAP if badge_width else 0)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        line_y = inner.top()
        # Displayed form: a bidi override in a headline must not reorder the row.
        shown = item.shown_title
        for line in self._wrapped(shown, title_font, max(20, title_width)):
            painter.drawText(
                QRect(left, line_y, title_width, title_metrics.lineSpacing()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                line,
            )
            line_y += title_metrics.lineSpacing()

        meta_metrics = QFontMetrics(meta_font)
        meta_y = inner.top() + 2 * title_metrics.lineSpacing() + 2
        painter.setFont(meta_font)
        painter.setPen(meta_colour)
        meta_width = inner.right() - left
        painter.drawText(
            QRect(left, meta_y, meta_width, meta_metrics.lineSpacing()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            meta_metrics.elidedText(_meta_line(item), Qt.TextElideMode.ElideMiddle, meta_width),
        )
        painter.restore()

    def _paint_badge(
        self,
        painter: QPainter,
        count: int,
        font: QFont,
        inner: QRect,
        selected: QPalette | None = None,
    ) -> int:
        """A blue pill with the unread count (white on Okabe–Ito blue is 5.1:1); on a
        selected row the colours swap, so the pill stands out from the highlight."""
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        text = str(count) if count < 100 else "99+"
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 10)
        badge = QRect(inner.right() - width + 1, inner.top() + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        fill, ink = theme.BLUE, QColor("#ffffff")
        if selected is not None:
            fill = selected.color(QPalette.ColorRole.HighlightedText)
            ink = selected.color(QPalette.ColorRole.Highlight)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(ink)
        painter.setFont(bold)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        return width


STATE_ICONS = ("checking", "never", "failed", "suspect", "stopped")


def _state_icons(item: ArticleItem) -> list[str]:
    icons = []
    if item.checking:
        icons.append("checking")
    if item.never_worked:  # not the "last check failed" triangle: it never worked at all
        icons.append("never")
    elif item.last_error:
        icons.append("failed")
    if item.suspect_reason:
        icons.append("suspect")
    if not item.active:
        icons.append("stopped")
    return icons


def _meta_line(item: ArticleItem) -> str:
    if item.never_worked:  # "0 versions" would crowd out what matters
        return f"{item.domain} · never captured: checks fail"
    versions = "1 version" if item.version_count == 1 else f"{item.version_count} versions"
    if item.version_count == 0:
        when = "not captured yet"  # while a check runs, its icon says so
    else:
        when = f"changed {relative_time(item.last_changed_at)}"
    if item.imported_only:  # its site is never contacted: the row says so, not only an icon
        when = "saved copy only"  # the tooltip says the live page is not checked
    if item.gone:  # in words, first: what a fact-checker scans the list for
        return f"✕ gone · {item.domain} · {versions}"
    return f"{item.domain} · {versions} · {when}"
