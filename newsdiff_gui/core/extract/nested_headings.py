"""A heading opened inside another heading ends it, as a browser builds the page.

"<h1>Headline<div class=divider></div><h3>Posted on <time>July 1</time> by
<a>Staff</a></h3></h1>" is invalid markup a theme prints. A browser's parser
(HTML5 tree construction: an h1-h6 start tag while a heading is the current
node closes that heading) shows the headline, then the date line under it as
a heading of its own. libxml2 keeps the second heading inside the first, and
the headline read from it becomes "Headline Posted on July 1 by Staff": a
headline that changes whenever the stamp does. Here the tree is mended the
browser's way: the inner heading and what follows it in the outer one move out,
right after it. A heading inside another element inside a heading ("<h1><span>
<h3>…") stays: the browser's current node is then not a heading.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from newsdiff_gui.core.extract.text_key import HEADINGS


def close_nested_headings(root: HtmlElement) -> None:
    """Move each heading that is a child of a heading, with what follows it, out."""
    for heading in list(root.iter(*HEADINGS)):
        inner = next((child for child in heading if child.tag in HEADINGS), None)
        if inner is None:
            continue
        moved = [inner, *inner.itersiblings()]
        tail, heading.tail = heading.tail, None
        anchor = heading
        for element in moved:
            anchor.addnext(element)  # the element's tail moves with it
            anchor = element
        if tail:
            anchor.tail = (anchor.tail or "") + tail
