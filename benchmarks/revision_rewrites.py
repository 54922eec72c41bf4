"""The edits real rewrites make beyond paragraph edits, for the revision generator.

* `agency_rewrite`: an outlet's rewrite of an agency story. The first sentences
  of 2–4 consecutive paragraphs are gathered into a new lede (a figure inside
  one of them often updated: "Seven people were killed" → "At least eight
  people were killed"); the rest of those paragraphs is kept in order but split
  and merged anew. Truth: one `regrouped` row (old paragraphs in the order their
  text appears in the new version).
* `sentence_moved_far`: a sentence of one paragraph moves into a paragraph at
  least 3 places away (sometimes with a figure in it updated). Truth: both
  paragraphs `edited`; the moved sentence must not be shown as gone or new.
* `list_cut`: a short list-like status paragraph ("More than 40 schools
  reopened; 9 clinics open; 3 (+1) shelters open") cut to its first clause
  with the figure changed ("More than 55 schools reopened"). Real articles
  hold few such paragraphs, so the list is made of the article's own plural
  nouns and put into the old version (the status-page case of issue 11).
  Truth: `edited`, figures changed.
* `mojibake`: the paragraph mis-decoded (UTF-8 read as Windows-1252: "Señora" →
  "SeÃ±ora", "’" → "â€™"), or, for ASCII text, a stray "Â" (a mis-decoded no-break
  space); in the new version, or in the old one and fixed in the new. Truth:
  a minor edit, reason "mis_decoding".
* `sentence_split` / `sentences_joined`: a copy editor cuts a long sentence in
  two at a comma ("They do things differently, being fast and cheap." -> "They
  do things differently. Being fast and cheap."), or joins two ("The crew
  arrived at eight. They finished by noon." -> "The crew arrived at eight, and
  they finished by noon."). Truth: `edited`; no sentence may be shown gone or
  new (its words stand).
* `noise_sentence` / `noise_emphasis`: number words that count nothing: an
  added sentence opening "One reason is that…", "No one disputes that…", "Once
  again,…" or closing ", one of the people involved said."; "just"/"only" put
  before an unchanged count. Truth: `edited`, figures NOT changed.

Each function takes the generator's `_Builder` and returns whether it applied.
"""

from __future__ import annotations

import dataclasses
import random
import re
from typing import TYPE_CHECKING

from benchmarks.revision_facts import holds_figure
from benchmarks.revision_script import Step, Tracked
from benchmarks.revision_text import MIN_PART_WORDS, number_update, prose, sentences, word_count

if TYPE_CHECKING:
    from benchmarks.revision_builder import _Builder

MIN_MOVED_WORDS = 8  # a moved sentence the sentence-level judge looks at
FAR = 3  # paragraphs between a far-moved sentence's old and new place

_NOISE_OPENERS = (
    "One reason is that {lower}",
    "No one disputes that {lower}",
    "Once again, {lower}",
    "{body}, one of the people involved said.",
    "{body}, someone familiar with the matter said.",
)
_COUNT = re.compile(
    r"(?<!\bjust )(?<!\bonly )(?<![\d.,:/\-–])\b(\d[\d,]*|two|three|four|five|six|seven|eight"
    r"|nine|ten|dozens|hundreds)(?= [a-z]{3,})"
)
_BOUND_WORDS = frozenset(
    {"some", "about", "around", "nearly", "almost", "over", "under", "than", "least", "most",
     "to", "roughly", "approximately", "estimated"}
)  # fmt: skip
_STATUS = ("reopened", "open", "closed", "damaged", "in service", "operating")
_QUALIFIER = ("More than ", "Nearly ", "At least ", "")


def agency_rewrite(b: _Builder) -> bool:
    rng = b.rng
    free = set(b.free())
    size = rng.choice((2, 3, 3, 4))
    starts = []
    for p in sorted(free):
        run = [p + k for k in range(size)]
        if all(q in free and b.items[q].origin[0] == b.items[p].origin[0] + q - p for q in run):
            parts = [sentences(b.items[q].text) for q in run]
            if all(
                len(s) >= 2
                and word_count(s[0]) >= MIN_PART_WORDS
                and word_count(" ".join(s[1:])) >= MIN_PART_WORDS
                for s in parts
            ):
                starts.append(p)
    if not starts:
        return False
    lede_first = [p for p in starts if b.items[p].origin == (0,)]
    pos = rng.choice(lede_first if lede_first and rng.random() < 0.6 else starts)
    group = b.items[pos : pos + size]
    firsts = [sentences(i.text)[0] for i in group]
    rests = [" ".join(sentences(i.text)[1:]) for i in group]
    figure = False
    for k in rng.sample(range(size), size):  # a figure updated in a gathered sentence
        updated = number_update(firsts[k], rng) if word_count(firsts[k]) >= 8 else None
        if updated is not None and rng.random() < 0.7:
            firsts[k], figure = updated, True
            break
    body = _regroup(rests, rng)
    texts = [" ".join(firsts), *body]
    origin = tuple(i.origin[0] for i in group)
    quotes = None if any(re.search("[\"“”‘’']", t) for t in texts) else False
    edits = ("agency_rewrite", "rewrite_figure") if figure else ("agency_rewrite",)
    b.items[pos : pos + size] = [Tracked(t, origin, edits, False, figure, quotes) for t in texts]
    b.script.append(Step("agency_rewrite", "merge", pos, (" ".join(texts),), count=size))
    b.script.append(Step("agency_rewrite", "split", pos, tuple(texts)))
    return True


def _regroup(rests: list[str], rng: random.Random) -> list[str]:
    """The rest of the gathered paragraphs, in order, split and merged anew."""
    body = list(rests)
    if len(body) >= 2 and rng.random() < 0.6:  # two neighbours merged
        k = rng.randrange(len(body) - 1)
        body[k : k + 2] = [f"{body[k]} {body[k + 1]}"]
    for k in rng.sample(range(len(body)), len(body)):  # one long part split
        parts = sentences(body[k])
        cuts = [
            c
            for c in range(1, len(parts))
            if min(word_count(" ".join(parts[:c])), word_count(" ".join(parts[c:])))
            >= MIN_PART_WORDS
        ]
        if cuts and rng.random() < 0.5:
            c = rng.choice(cuts)
            body[k : k + 1] = [" ".join(parts[:c]), " ".join(parts[c:])]
            break
    return body


def sentence_moved_far(b: _Builder) -> bool:
    rng = b.rng
    free = b.free()
    options: list[tuple[int, int, int]] = []
    for p in free:
        parts = sentences(b.items[p].text)
        for k in range(1, len(parts)):
            words = word_count(parts[k])
            if (
                len(parts) >= 3
                and words >= MIN_MOVED_WORDS
                and 3 * words <= word_count(b.items[p].text)
            ):
                options.extend((p, k, q) for q in free if abs(q - p) >= FAR)
    rng.shuffle(options)
    for p, k, q in options[:20]:
        source, target = sentences(b.items[p].text), sentences(b.items[q].text)
        moved = source[k]
        if 2 * word_count(moved) > word_count(b.items[q].text):
            continue  # the receiving paragraph must stay itself
        if not b.replace(p, " ".join(source[:k] + source[k + 1 :]), "sentence_moved_far"):
            continue
        updated = number_update(moved, rng) if rng.random() < 0.3 else None
        at = rng.randint(0, len(target))
        text = " ".join([*target[:at], updated or moved, *target[at:]])
        applied = b.replace(q, text, "sentence_moved_far")
        assert applied  # a sentence more always changes the words
        if updated:
            b.items[q] = dataclasses.replace(
                b.items[q], edits=(*b.items[q].edits, "moved_figure"), numbers=True
            )
        return True
    return False


def list_cut(b: _Builder) -> bool:
    """Only as a revision's first edit: it adds the list paragraph to the old version."""
    rng = b.rng
    if b.script:
        return False
    nouns = sorted({w for w in b.vocabulary if w.endswith("s") and w.isalpha() and len(w) >= 6})
    if len(nouns) < 4:
        return False
    chosen = rng.sample(nouns, rng.choice((3, 3, 4)))
    first_count = rng.randint(12, 90)
    clauses = [f"{rng.choice(_QUALIFIER)}{first_count} {chosen[0]} {rng.choice(_STATUS)}"]
    for noun in chosen[1:]:
        extra = f" (+{rng.randint(1, 4)})" if rng.random() < 0.4 else ""
        clauses.append(f"{rng.randint(2, 30)}{extra} {noun} {rng.choice(_STATUS)}")
    listing = "; ".join(clauses)
    if not b.unrelated(listing):
        return False
    at = rng.randint(0, len(b.old))
    b.old.insert(at, listing)
    b.reset_old()
    cut = clauses[0].replace(str(first_count), str(first_count + rng.randint(3, 20)), 1)
    return b.replace(at, cut[0].upper() + cut[1:], "list_cut")


def mojibake_text(text: str, rng: random.Random) -> str | None:
    if not text.isascii():
        try:
            broken = text.encode("utf-8").decode("cp1252")
        except UnicodeDecodeError:
            return None
        # A soft hyphen or control character is dropped by cleaning: unrecoverable.
        return None if not broken.isprintable() or "\xad" in broken else broken
    spots = [m.end() for m in re.finditer(r"[a-z]{3,}(?= )", text)]
    if not spots:
        return None
    at = rng.choice(spots)
    return text[:at] + "Â" + text[at:]


def mojibake(b: _Builder, stacked: bool) -> bool:
    free = b.free(3, stacked="mojibake") if stacked else []
    free = free or b.free(3)
    b.rng.shuffle(free)
    for pos in free[:8]:
        item = b.items[pos]
        broken = mojibake_text(item.text, b.rng)
        if broken is None:
            continue
        if b.rng.random() < 0.5 or item.edits:  # the later capture was mis-decoded
            return b.replace(pos, broken, "mojibake")
        b.old[item.origin[0]] = broken  # the first capture was, and the next one is right
        b.items[pos] = dataclasses.replace(item, text=broken)
        return b.replace(pos, item.text, "mojibake")
    return False


def noise_emphasis(text: str, rng: random.Random) -> str | None:
    # Not between a bound and its figure: "some just 12" would change the bound.
    found = [
        m
        for m in _COUNT.finditer(text)
        if not _BOUND_WORDS & {w.casefold() for w in text[: m.start()].split()[-1:]}
    ]
    if not found:
        return None
    match = rng.choice(found)
    word = rng.choice(("just ", "only "))
    if match.start() == 0 or text[match.start() - 2 : match.start()] in (". ", '" '):
        word = word.capitalize()
    return text[: match.start()] + word + text[match.start() :]


def noise_sentence(b: _Builder, text: str) -> str | None:
    sentence = b.fresh_sentence(
        lambda paragraphs: [s for p in paragraphs for s in prose(p) if not holds_figure(s)]
    )
    if sentence is None or not sentence.endswith("."):
        return None
    opener = b.rng.choice(_NOISE_OPENERS)
    lower = sentence[0].lower() + sentence[1:]
    noisy = opener.format(lower=lower, body=sentence[:-1])
    parts = sentences(text)
    at = b.rng.randint(1, len(parts))
    return " ".join([*parts[:at], noisy, *parts[at:]])


# A cut or a join needs a few words on each side to leave two sentences (or one).
_MIN_SIDE_WORDS = 4
_QUOTE_MARK = re.compile('["“”‘’]')
# Sentence openers that are lower-cased when the sentence is joined to the one
# before it; a name or an acronym would change its spelling.
_JOINABLE = frozenset(
    {"the", "it", "he", "she", "they", "we", "this", "that", "these", "those", "there",
     "but", "and", "in", "on", "at", "a", "an", "its", "their", "his", "her", "some", "many"}
)  # fmt: skip


def sentence_split(text: str, rng: random.Random) -> str | None:
    """A long sentence cut in two at a comma (no quotation touched)."""
    parts = sentences(text)
    cuts = [
        (k, m.start(), m.end())
        for k, part in enumerate(parts)
        if not _QUOTE_MARK.search(part)
        for m in re.finditer(r", (?=[a-z])", part)
        if word_count(part[: m.start()]) >= _MIN_SIDE_WORDS
        and word_count(part[m.end() :]) >= _MIN_SIDE_WORDS
    ]
    if not cuts:
        return None
    k, start, end = rng.choice(cuts)
    part = parts[k]
    parts[k] = f"{part[:start]}. {part[end].upper()}{part[end + 1 :]}"
    return " ".join(parts)


def sentences_joined(text: str, rng: random.Random) -> str | None:
    """Two neighbouring sentences joined into one with ", and" (no quotation touched)."""
    parts = sentences(text)
    joins = [
        k
        for k in range(len(parts) - 1)
        if parts[k].endswith(".")
        and not _QUOTE_MARK.search(parts[k] + parts[k + 1])
        and word_count(parts[k]) >= _MIN_SIDE_WORDS
        and word_count(parts[k + 1]) >= _MIN_SIDE_WORDS
        and parts[k + 1].split()[0].casefold() in _JOINABLE
        and parts[k + 1][0].isupper()
    ]
    if not joins:
        return None
    k = rng.choice(joins)
    following = parts[k + 1][0].lower() + parts[k + 1][1:]
    glue = ", " if following.split()[0] in ("but", "and") else ", and "
    parts[k : k + 2] = [parts[k][:-1] + glue + following]
    return " ".join(parts)
