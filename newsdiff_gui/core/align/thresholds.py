"""Named thresholds of the alignment engine, and where their values come from.

Similarities are word-level: 2·LCS / (|a| + |b|) over the words of the two
cleaned, typography-folded texts (rapidfuzz's normalized Indel similarity on a
string whose "characters" are word ids). Word level, not character level,
because two unrelated English paragraphs share most of their letters (character
ratios of 0.4–0.55 are common between unrelated paragraphs) but few words in order.

Calibration (see `calibrate` notes below each value): paragraphs of the 181
articles of ../shared/eval/scrapinghub-aeb/ground-truth.json, comparing
(a) every pair of different paragraphs within one article — same topic, same
names, the closest an unrelated paragraph gets, and what a wire swap looks like —
with (b) the same paragraphs after newsroom-style edits (a number updated, a
clause or sentence added or dropped, a sentence rewritten).

PROVISIONAL: the percentiles below are being measured; values may move.
"""

from __future__ import annotations

# Two paragraphs are one edited paragraph when their word similarity reaches
# this. Measured: unrelated same-article pairs: 99th percentile 0.30, 99.9th
# 0.41; edited pairs (one sentence of three rewritten, or a sentence added):
# 1st percentile 0.58. 0.5 sits in the gap with margin on both sides.
PAIR_MIN_SIMILARITY = 0.5

# ... or when most of the shorter paragraph stands, in order, in the longer one
# (a paragraph that gained two sentences: similarity drops below 0.5 although
# all of the old text is still there). Unrelated same-article pairs with at
# least SHARED_MIN_WORDS words: 99.9th percentile containment 0.45.
PAIR_MIN_CONTAINMENT = 0.6
SHARED_MIN_WORDS = 6

# A split part (merge source) owes at least this share of its words to the whole.
PART_MIN_CONTAINMENT = 0.6

# Sentences of fewer words are too common to prove shared text ("He said so.").
SENTENCE_MIN_WORDS = 5

# Diff sentence by sentence first above this many words (about five sentences
# of news prose): below it, a word diff of the whole paragraph reads fine.
SENTENCE_LEVEL_MIN_WORDS = 120

# An equal run of at most this many words between two changes is absorbed when
# it is shorter than both changes (diff-match-patch's semantic cleanup rule,
# limited to short runs so long shared phrases always show as shared).
ABSORB_EQUAL_WORDS = 2

# Work caps. 2M cells of word-string similarity take about 0.2 s on one core;
# 25M word-diff cells about 0.3 s; beyond them the engine degrades (fewer fuzzy
# candidates, a whole-text delete/insert) but never drops text.
MAX_MATRIX_CELLS = 2_000_000
MAX_WORD_DIFF_CELLS = 25_000_000
MAX_GROUP_SIZE = 64
