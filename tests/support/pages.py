"""Fictional news pages for tests (written for this project)."""

from __future__ import annotations

from html import escape

STORM_TITLE = "Storm batters coastal towns overnight"
STORM = (
    "Seven people were killed when a powerful storm struck the northern coast overnight, "
    "regional officials said on Tuesday morning.",
    "Winds of more than 120 kilometres an hour brought down power lines across three "
    "districts, leaving about 40,000 homes without electricity.",
    "\u201cWe have never seen damage on this scale,\u201d said Mara Linden, the head of the "
    "regional emergency service, speaking at a briefing in Porthaven.",
    "Rescue teams were still searching collapsed buildings in the harbour district, where "
    "several fishing boats were thrown onto the quay.",
    "The national weather office had issued its highest warning on Monday afternoon, but "
    "residents said the storm arrived faster than expected.",
    "Schools in the affected districts will remain closed until Thursday, the education "
    "ministry said in a statement.",
)

# A fictional local story (the extraction stability tests build their pages on it).
HARBOUR = (
    "The harbour authority approved a plan on Tuesday to dredge the northern channel, "
    "ending two years of dispute between the port and the fishing cooperative.",
    "Work is due to start in March and to take eleven months, the authority said, at a "
    "cost of about 14 million euros shared between the port and the regional government.",
    "Fishing crews had argued that the dredging would stir up silt and drive away the "
    "shoals they depend on during the spring season, when catches are at their highest.",
    "The cooperative's chair said members would watch the work closely and would ask for "
    "independent measurements of the water quality every month until the work is done.",
)


def article_page(
    title: str = STORM_TITLE,
    paragraphs: tuple[str, ...] = STORM,
    *,
    updated: str = "Updated 10:47 GMT",
    ad_slot: str = "Advertisement: Sofa sale, 50% off this weekend only",
    charset: str | None = "utf-8",
) -> str:
    """A realistic page: navigation, ads, share buttons, related links, comments."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta}
<title>{escape(title)} - The Harbour Courier</title>
<meta property="og:title" content="{escape(title)}">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad-slot" id="top-ad">{escape(ad_slot)}</div>
<main><article>
<h1>{escape(title)}</h1>
<p class="byline">By <span class="author">Jonas Eberly</span></p>
<p class="timestamp"><time datetime="2026-03-03T10:47:00Z">{escape(updated)}</time></p>
<div class="share"><a href="#">Share on social</a> <a href="#">Email</a></div>
<div class="article-body">
{body}
</div>
</article>
<aside class="related"><h2>Most read</h2><ul>
<li><a href="/a">Council approves new ferry timetable</a></li>
<li><a href="/b">Local bakery wins national award</a></li></ul></aside>
<section class="comments"><h2>Comments</h2><p>Be the first to comment.</p></section>
</main>
<footer><p>&copy; 2026 The Harbour Courier. All rights reserved.</p></footer>
</body></html>"""
