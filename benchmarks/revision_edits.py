"""Seeded newsroom edits on real article texts, with the alignment they must produce.

No public gold set of aligned news revisions exists, so the alignment quality
benchmark (`benchmarks/alignment.py`) makes one: each revision is a real article
(the old version) and an edit script applied to it (the new version). Every new
paragraph is tracked through the script — which old paragraph(s) it came from,
whether its text changed, whether it moved — so the expected rows are known.

Edits (`EDIT_WEIGHTS`): number updates, sentences added to / dropped from a
paragraph, a sentence moved across a paragraph break, copy edits (a few short runs
of words replaced), paragraphs inserted / deleted / moved / moved and edited,
splits, merges, quote/dash-style changes, case-only changes, typo fixes, a rewritten
lede (new first sentence, the rest kept); and what real rewrites add
(`revision_rewrites.py`): an outlet's rewrite of an agency story (sentences of 2–4
paragraphs gathered into a new lede, a figure updated inside one, the rest split and
merged: a `regrouped` row), a sentence moved to a distant paragraph, a list-like
paragraph cut to one clause with its figure changed, mis-decoding (mojibake), a
sentence cut in two at a comma or two joined into one, and number words that count
nothing ("One reason is that…", "just" before a count). 1–5 per revision. Some
revisions are wire swaps instead: the whole story replaced by a different article
(every paragraph removed and added, no pairs). Each truth row also says whether
`numbers_changed` / `quote_changed` must be set (`revision_facts.py`).

Realism: 1–5 edits per revision (`EDITS_PER_REVISION`); a text edit may hit a
paragraph another text edit already changed (`STACK_SHARE`; at most one heavy
edit per paragraph); moves, insertions and deletions take blocks of 1–3
paragraphs; splits and merges take 2–3, and a split part or merged paragraph
sometimes also gets a figure updated; inserted paragraphs, added sentences and
wire-swap partners are the closest in vocabulary of several candidates
(same-topic text is what tempts an aligner into a false pair); the two corpora
are drawn equally often.

How the truth is kept unambiguous (each rule removes a case where two answers
would be equally right):

* Source paragraphs repeated within an article (after folding case, quotes and
  punctuation) are dropped, keeping the first: which "Advertisement" went where
  is unknowable.
* Paragraphs that change text, move, split or merge must be *distinctive*
  (sharing under half of their word pairs with any other paragraph of the
  article) so they cannot be mistaken for a sibling; text edits need at least
  `MIN_EDIT_WORDS` words, split/merge parts `MIN_PART_WORDS` (a figure changed
  inside split/merged text only in a part of `MIN_EDIT_WORDS`). Short paragraphs
  ("Advertisement", subheads) are deleted, moved or case-changed only.
* Inserted paragraphs, added sentences and wire-swap partners share no
  five-word run, no whole paragraph, no whole short paragraph and (short with
  short) not most words with the old version (`revision_text.Unrelated`): they
  are really new, so "added" is the only right answer and any pair with them
  is invented.
* Every edit really changes the text, and a "minor" edit (quote/dash style,
  case) changes nothing else while a word edit changes more than that.
* No new paragraph repeats another or equals an old paragraph it did not come from.
* Moves: DESIGN.md says the paragraphs that moved are the fewest that explain
  the change, i.e. those outside a longest in-order chain. A revision is kept
  only when that chain is unique and its complement is exactly the set of
  paragraphs the script moved (so a paragraph moved next to where it was, or a
  move undone by deletions, is redrawn, never scored). Moves go 3+ places.
* Splits cut at sentence boundaries; merges join consecutive old paragraphs
  (text order = old order). Regrouped paragraphs take no move and no later edit.
* A typo fix puts the typo into the *old* version and the correct word in the
  new one (the source text is the corrected state).

Nothing here reads files: `alignment.py` loads the articles and passes them in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from benchmarks.revision_builder import FRESH_CANDIDATES, MIN_EDIT_WORDS, _Builder
from benchmarks.revision_script import Article, Revision, Step, Tracked, truth_rows
from benchmarks.revision_text import Unrelated, topic_overlap, vocabulary
from newsdiff_gui.core.document import Document

__all__ = ["EDIT_WEIGHTS", "MIN_EDIT_WORDS", "generate", "make_revision"]

# Revision mix: judgement, not measurement (no public data says how often each
# happens). Updates are mostly small — a figure, a sentence, a new or cut
# paragraph — with structural changes (moves, splits, merges) less often, and
# an occasional wholesale swap of the story.
WIRE_SWAP_SHARE = 0.07
EDITS_PER_REVISION = {1: 30, 2: 30, 3: 20, 4: 12, 5: 8}
EDIT_WEIGHTS = {
    "number_update": 14, "sentence_added": 12, "sentence_removed": 6, "paragraph_inserted": 12,
    "paragraph_deleted": 10, "moved": 7, "moved_edited": 5, "split": 6, "merged": 6,
    "quote_style": 7, "case_change": 5, "typo_fix": 7, "lede_rewrite": 4, "rephrased": 8,
    "sentence_moved": 3,
    # What real rewrites do beyond that (revision_rewrites.py).
    "agency_rewrite": 8, "sentence_moved_far": 8, "list_cut": 10, "mojibake": 5,
    "noise_sentence": 5, "noise_emphasis": 4, "sentence_split": 5, "sentences_joined": 4,
}  # fmt: skip


def _swap_partner(
    article: Article, donors: Sequence[Article], rng: random.Random
) -> Article | None:
    """The closest in vocabulary of a few unrelated articles: another agency's copy of
    the story shares its topic and names, never its sentences."""
    unrelated = Unrelated(article.paragraphs)
    found: list[Article] = []
    for _ in range(3 * FRESH_CANDIDATES):
        other = rng.choice(donors)
        if other.source == article.source or len(other.paragraphs) < 3:
            continue
        if all(map(unrelated, other.paragraphs)) and all(
            map(Unrelated(other.paragraphs), article.paragraphs)
        ):
            found.append(other)
            if len(found) == FRESH_CANDIDATES:
                break
    topic = vocabulary(article.paragraphs)
    return max(found, key=lambda a: topic_overlap(" ".join(a.paragraphs), topic), default=None)


def make_revision(
    number: int, article: Article, donors: Sequence[Article], rng: random.Random
) -> Revision | None:
    """One revision of a `clean_article`ed article, or None when no clean truth was found."""
    old = Document(article.title, article.paragraphs)
    if rng.random() < WIRE_SWAP_SHARE:
        other = _swap_partner(article, donors, rng)
        if other is None:
            return None
        new = other.paragraphs[: max(3, len(article.paragraphs) + rng.randint(-3, 3))]
        items = [Tracked(text, (), ("wire_swap",)) for text in new]
        script = (
            *[Step("wire_swap", "delete", 0)] * len(article.paragraphs),
            *(Step("wire_swap", "insert", j, (t,)) for j, t in enumerate(new)),
        )
        truth = truth_rows(article.paragraphs, items, removed_by="wire_swap")
        assert truth is not None  # nothing moved, nothing repeated
        swapped = Document(other.title, new)
        return Revision(number, article.source, old, swapped, ("wire_swap",), script, truth)
    for _ in range(10):
        builder = _Builder(article, donors, rng)
        count = rng.choices(list(EDITS_PER_REVISION), list(EDITS_PER_REVISION.values()))[0]
        applied: list[str] = []
        for _ in range(4 * count):
            if len(applied) == count:
                break
            edit = rng.choices(list(EDIT_WEIGHTS), list(EDIT_WEIGHTS.values()))[0]
            if builder.apply(edit):
                applied.append(edit)
        truth = truth_rows(builder.old, builder.items) if applied else None
        if truth is not None:
            old = Document(article.title, tuple(builder.old))  # typo fixes changed it
            new_version = Document(article.title, tuple(item.text for item in builder.items))
            script = tuple(builder.script)
            return Revision(number, article.source, old, new_version, tuple(applied), script, truth)
    return None


def generate(articles: Sequence[Article], count: int, seed: int) -> list[Revision]:
    """`count` revisions of random articles (≥ 3 paragraphs), deterministic for a seed.

    The corpus (the part of `source` before ":") is drawn first, each with equal
    chance, then an article in it: otherwise WCXB's 793 pages, many of them long
    how-tos and listicles, would outweigh AEB's 181 news articles four to one.
    """
    rng = random.Random(seed)
    usable = [a for a in articles if len(a.paragraphs) >= 3]
    corpora: dict[str, list[Article]] = {}
    for article in usable:
        corpora.setdefault(article.source.split(":")[0], []).append(article)
    revisions: list[Revision] = []
    for _ in range(20 * count):
        if len(revisions) == count:
            break
        article = rng.choice(corpora[rng.choice(sorted(corpora))])
        revision = make_revision(len(revisions), article, usable, rng)
        if revision is not None:
            revisions.append(revision)
    return revisions  # shorter than `count` only for a pool too small to edit
