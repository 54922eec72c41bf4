"""Tokens of rows that sentences left or joined: moved_out / moved_in among the word tokens.

A row whose sentence moved keeps its other text diffed as before, but over the
text that stayed: the moved sentences are cut out of the row's old (new) text,
what is left is diffed word by word, and the moved sentences are put back
where they stood as `moved_out` (`moved_in`) tokens naming the other row. So
the words of the row still reproduce its texts exactly (invariant 3) and a
moved sentence is said once, as a move, in both places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsdiff_gui.core.align.breaks import same_flat
from newsdiff_gui.core.align.facts import (
    might_change_figures,
    numbers_changed,
    quote_changed,
    quotes_read_alike,
)
from newsdiff_gui.core.align.model import AlignOptions, Row, Token, TokenOp
from newsdiff_gui.core.align.sentences import Sentence, sentence_words, travel_span
from newsdiff_gui.core.align.tokens import diff_tokens, order_matters, plain_token

_T = TypeVar("_T")
_SIDES = {op: (op.on_old_side, op.on_new_side) for op in TokenOp}
_END = 1 << 62  # (past any cut)
_CROSSED_OPS = {TokenOp.DELETE: TokenOp.INSERT, TokenOp.INSERT: TokenOp.DELETE}
# Sentences shorter than this never move ("He said." stands in every story);
# links.py uses the same floor.
MOVE_MIN_WORDS = 4


def text_flags(old: str, new: str, tokens: Iterable[Token]) -> tuple[bool, bool]:
    """(numbers_changed, quote_changed) of two texts diffed into `tokens`.

    Figures can only differ where words changed: the whole texts are compared
    only when a changed token mentions a figure or a qualifier ("at least")."""
    figures = might_change_figures(
        t.text for t in tokens if t.op in (TokenOp.DELETE, TokenOp.INSERT)
    ) and numbers_changed(old, new)
    if same_flat(old, new) is not None and quotes_read_alike(old) and quotes_read_alike(new):
        # (Only paragraph breaks moved: the rest of a regrouped row.)
        return figures, False
    return figures, quote_changed(old, new)


def reordered(old: str, new: str, min_words: int) -> bool:
    """Whether sentences (of `min_words`+ words) standing verbatim on both sides
    changed their order: then a word diff would pair their common words ("the",
    "said") across sentences and show confetti instead of a moved sentence."""
    old_keys = [words for words in sentence_words(old) if len(words) >= min_words]
    new_keys = [words for words in sentence_words(new) if len(words) >= min_words]
    common = set(old_keys) & set(new_keys)
    if len(common) < 2:
        return False
    return [k for k in old_keys if k in common] != [k for k in new_keys if k in common]


def row_tokens(old: str, new: str, options: AlignOptions) -> tuple[Token, ...]:
    """`diff_tokens`, by sentence first when sentences changed order."""
    by_sentence = order_matters(old, new, options) and reordered(old, new, MOVE_MIN_WORDS)
    return diff_tokens(old, new, options, by_sentence=by_sentence)


@dataclass(frozen=True, slots=True)
class Departure:
    """An old sentence of this row that now stands in display row `row`."""

    sentence: Sentence
    row: int


@dataclass(frozen=True, slots=True)
class Arrival:
    """A new sentence of this row that came from display row `row`, where it read `source`."""

    sentence: Sentence
    row: int
    source: str


def _disjoint(spans: list[tuple[tuple[int, int], _T]]) -> list[tuple[tuple[int, int], _T]]:
    """Spans in order, each starting no earlier than the previous one ends (two
    neighbouring sentences that both move would otherwise share the space
    between them)."""
    spans.sort(key=lambda item: item[0])
    result: list[tuple[tuple[int, int], _T]] = []
    for (start, end), value in spans:
        if result and start < result[-1][0][1]:
            start = result[-1][0][1]
        result.append(((start, end), value))
    return result


def _cut(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """`text` without `spans` (sorted, disjoint), and where each cut falls in the rest."""
    parts, cuts, at, removed = [], [], 0, 0
    for start, end in spans:
        parts.append(text[at:start])
        cuts.append(start - removed)
        removed += end - start
        at = end
    parts.append(text[at:])
    return "".join(parts), cuts


def _arrival_token(
    text: str, arrival: Arrival, span: tuple[int, int], options: AlignOptions
) -> Token:
    source, target = arrival.source, arrival.sentence.text
    if source == target:
        return Token(TokenOp.MOVED_IN, text[span[0] : span[1]], row=arrival.row)
    nested = diff_tokens(source, target, options)
    figures, quote = text_flags(source, target, nested)
    return Token(
        TokenOp.MOVED_IN,
        text[span[0] : span[1]],
        row=arrival.row,
        tokens=nested,
        numbers_changed=figures,
        quote_changed=quote,
    )


def _append(result: list[Token], token: Token) -> None:
    if not token.text:
        return
    last = result[-1] if result else None
    if last is not None and last.op is token.op and not token.op.moved:
        result[-1] = plain_token(token.op, last.text + token.text)
    else:
        result.append(token)


def _interleave(
    rest: Sequence[Token], outs: list[tuple[int, Token]], ins: list[tuple[int, Token]]
) -> list[Token]:
    """The rest's tokens with moved tokens put back at their cut positions."""
    result: list[Token] = []
    old_at = new_at = 0
    out_next = in_next = 0
    # (Where the next moved token goes, past the end when none is left: most of
    # the rest's tokens lie between two cuts and are taken as they are.)
    out_at = outs[0][0] if outs else _END
    in_at = ins[0][0] if ins else _END
    for token in rest:
        text = token.text
        on_old, on_new = _SIDES[token.op]
        while text:
            while out_at <= old_at:
                _append(result, outs[out_next][1])
                out_next += 1
                out_at = outs[out_next][0] if out_next < len(outs) else _END
            while in_at <= new_at:
                _append(result, ins[in_next][1])
                in_next += 1
                in_at = ins[in_next][0] if in_next < len(ins) else _END
            limit = len(text)
            if on_old:
                limit = min(limit, out_at - old_at)
            if on_new:
                limit = min(limit, in_at - new_at)
            # (The rest's tokens are plain: one not cut is itself.)
            piece = token if limit == len(token.text) else plain_token(token.op, text[:limit])
            _append(result, piece)
            old_at += limit if on_old else 0
            new_at += limit if on_new else 0
            text = text[limit:]
    for _, token in outs[out_next:]:
        _append(result, token)
    for _, token in ins[in_next:]:
        _append(result, token)
    return result


def _settle(tokens: list[Token]) -> tuple[Token, ...]:
    """Tokens with a delete and an insert of the same text next to each other
    (the space a moved sentence left beside the space another brought) said as
    equal."""
    result: list[Token] = []
    for token in tokens:
        last = result[-1] if result else None
        if (
            last is not None
            and _CROSSED_OPS.get(last.op) is token.op  # (a delete and an insert)
            and last.text == token.text
        ):
            result.pop()
            _append(result, plain_token(TokenOp.EQUAL, token.text))
        else:
            _append(result, token)
    return tuple(result)


def compose(
    row: Row,
    old_text: str,
    new_text: str,
    departures: Sequence[Departure],
    arrivals: Sequence[Arrival],
    options: AlignOptions,
) -> Row:
    """`row` with its departed and arrived sentences as moved tokens, the rest diffed."""
    out_spans = _disjoint([(travel_span(old_text, d.sentence), d) for d in departures])
    in_spans = _disjoint([(travel_span(new_text, a.sentence), a) for a in arrivals])
    old_rest, out_cuts = _cut(old_text, [span for span, _ in out_spans])
    new_rest, in_cuts = _cut(new_text, [span for span, _ in in_spans])
    outs = [
        (cut, Token(TokenOp.MOVED_OUT, old_text[span[0] : span[1]], row=d.row))
        for cut, (span, d) in zip(out_cuts, out_spans, strict=True)
    ]
    ins = [
        (cut, _arrival_token(new_text, a, span, options))
        for cut, (span, a) in zip(in_cuts, in_spans, strict=True)
    ]
    rest = row_tokens(old_rest, new_rest, options) if old_rest or new_rest else ()
    tokens = _settle(_interleave(rest, outs, ins))
    figures, quote = text_flags(old_rest, new_rest, rest)
    moved_in = [token for _, token in ins]
    return Row(  # (`dataclasses.replace`, spelt out: it reads the fields first)
        row.kind,
        row.old,
        row.new,
        row.similarity,
        minor=False,
        tokens=tokens,
        numbers_changed=figures or any(t.numbers_changed for t in moved_in),
        quote_changed=quote or any(t.quote_changed for t in moved_in),
        minor_reason=row.minor_reason,
    )
