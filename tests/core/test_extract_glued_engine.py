"""When the engine prints a whole region of the page as one glued block, the story is
read block by block by our own scorer, if that reading finds most of it.

The engine falls back to one block of everything on some templates (seen on large
explainer sites): bylines, a table of contents and the sources glued to the story,
so any change anywhere is one changed 12,000-character paragraph. The engine is
stood in for here so the case is exact; the page is written here (fictional outlet).
"""

from __future__ import annotations

import pytest

from newsdiff_gui.core.extract import api, extract_document
from newsdiff_gui.core.extract.engine import EngineResult
from tests.support.pages import HARBOUR

_TITLE = "Harbour dredging plan approved"
_CONTENTS = "Contents What was decided The cost Objections"


def _page(story: tuple[str, ...]) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in story)
    return (
        f"<html><head><title>{_TITLE}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<div class='toc'>{_CONTENTS}</div>"
        f"<article><h1>{_TITLE}</h1>{paragraphs}</article>"
        "<footer><p>Copyright 2025 The Harbour Post</p></footer></body></html>"
    )


def _glued(story: tuple[str, ...]) -> EngineResult:
    return EngineResult([" ".join((_CONTENTS, *story))], thin=False)


# A long story: glued, it runs far past a paragraph's length.
_LONG = tuple(f"{text} Part {n} of the plan." for n, text in enumerate(HARBOUR * 4))


def test_a_glued_block_is_read_block_by_block(monkeypatch: pytest.MonkeyPatch) -> None:
    glued = _glued(_LONG)
    assert len(glued.blocks[0]) > 2000
    monkeypatch.setattr(api, "engine_blocks", lambda tree, url: glued)
    document = extract_document(_page(_LONG))
    assert document.paragraphs == _LONG


def test_a_glued_block_stays_when_the_scorer_finds_a_small_part(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    long_glue = _glued(_LONG * 3)
    monkeypatch.setattr(api, "engine_blocks", lambda tree, url: long_glue)
    document = extract_document(_page(HARBOUR))
    assert document.paragraphs == tuple(long_glue.blocks)
