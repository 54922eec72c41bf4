"""A panel the reader opens (an accordion's, a tab's) is read as open.

Guides, explainers and FAQs print sections in accordions: each section's heading
is a button that opens the panel under it (`aria-controls="panel-3"`,
`aria-expanded="false"`), and the panel is hidden until then (`style="display:
none"`, `hidden`, a utility class `class="… hidden"`). The engine drops hidden
text, so an edit inside a closed panel (a price, a step, an answer) made no
version, though any reader can open it.

A hidden element is read as shown when a control on the page opens it:
- a control names it in `aria-controls` (a button, a link acting as one, a tab);
  themes often leave out `aria-expanded` and set only the panel's
  `aria-labelledby`;
- or it follows, as the next element, a control that says whether it is open
  (`aria-expanded`), alone or inside a heading: the disclosure pattern, which
  some templates print with a wrong or shared `aria-controls` id.
A dialog, a menu, a list box, a tooltip or a modal (a sign-up pop-up, a
navigation drawer, a search box's suggestions) stays hidden, as does anything a
control in navigation, a header, a footer, an aside or a form opens, or that
sits in one.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from newsdiff_gui.core.extract.furniture import (
    FURNITURE_BOXES,
    inside_boxes,
    strip_inline_furniture,
)
from newsdiff_gui.core.extract.text_key import HEADINGS

_CONTROLS = etree.XPath("//*[@aria-controls]")
_DISCLOSURES = etree.XPath("//*[@aria-expanded]")
_WITH_ID = etree.XPath("//*[@id]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none\s*;?", re.IGNORECASE)
# The class the engine drops an element for (Tailwind's utility that hides it).
_HIDING_CLASSES = frozenset({"hidden"})
_NOT_PANELS = frozenset(
    {"dialog", "alertdialog", "menu", "menubar", "listbox", "tooltip", "navigation"}
)
# A search box's suggestions are a list box the box controls, not a panel.
_NOT_CONTROLS = frozenset({"combobox", "searchbox", "textbox"})
# Bounds for hostile pages: controls and ids looked at.
_MAX_CONTROLS = 500
_MAX_IDS = 20_000


def _panel_ids(tree: HtmlElement) -> set[str]:
    """The ids that controls outside the page's furniture open and close."""
    ids: set[str] = set()
    for count, control in enumerate(_CONTROLS(tree)):
        if count >= _MAX_CONTROLS:
            break
        if isinstance(control, HtmlElement) and _is_control(control):
            ids.update(str(control.get("aria-controls") or "").split())
    return ids


def _is_control(control: HtmlElement) -> bool:
    role = (control.get("role") or "").strip().lower()
    return role not in _NOT_CONTROLS and not inside_boxes(control, FURNITURE_BOXES)


def _disclosed_panels(tree: HtmlElement) -> list[HtmlElement]:
    """The elements printed right after a control that opens and closes (the
    control alone, or inside a heading, before the panel)."""
    panels = []
    for count, control in enumerate(_DISCLOSURES(tree)):
        if count >= _MAX_CONTROLS:
            break
        if not isinstance(control, HtmlElement) or not _is_control(control):
            continue
        parent = control.getparent()
        holder = parent if parent is not None and parent.tag in HEADINGS else control
        panel = holder.getnext()
        while panel is not None and not isinstance(panel.tag, str):
            panel = panel.getnext()
        if panel is not None:
            panels.append(panel)
    return panels


def _is_panel(element: HtmlElement) -> bool:
    role = (element.get("role") or "").strip().lower()
    return (
        role not in _NOT_PANELS
        and (element.get("aria-modal") or "").strip().lower() != "true"
        and element.tag not in FURNITURE_BOXES
        and not inside_boxes(element, FURNITURE_BOXES)
    )


def _show(element: HtmlElement) -> None:
    element.attrib.pop("hidden", None)
    classes = (element.get("class") or "").split()
    if any(name in _HIDING_CLASSES for name in classes):
        # A utility class hides the panel until its control swaps it; the engine
        # drops an element so named, though any reader can open it.
        element.set("class", " ".join(name for name in classes if name not in _HIDING_CLASSES))
    if (element.get("aria-hidden") or "").strip().lower() == "true":
        del element.attrib["aria-hidden"]
    style = element.get("style")
    if style and _HIDDEN_STYLE.search(style):
        element.set("style", _HIDDEN_STYLE.sub("", style).strip())


def open_panels(tree: HtmlElement) -> None:
    """Show, in `tree`, the hidden panels that the page's own controls open."""
    for panel in _disclosed_panels(tree):
        if _is_panel(panel):
            _show(panel)
    ids = _panel_ids(tree)
    if not ids:
        return
    for count, element in enumerate(_WITH_ID(tree)):
        if count >= _MAX_IDS:
            break
        if isinstance(element, HtmlElement) and element.get("id") in ids and _is_panel(element):
            _show(element)


def show_page(tree: HtmlElement) -> None:
    """The page as a reader sees it, in place: the panels its controls open shown,
    and the inline furniture taken out of its text blocks. Every reading of a page
    (the extraction, and the comparison of two captures) starts from this one."""
    open_panels(tree)
    strip_inline_furniture(tree)
