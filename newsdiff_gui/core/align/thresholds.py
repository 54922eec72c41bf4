"""Named thresholds of the alignment engine, and where their values come from.

Similarities are word-pair level: 2·LCS / (|a| + |b|) where a and b are the
texts' sequences of word pairs (bigrams of casefolded words; see
text.WordPairCoder), computed by rapidfuzz. Word pairs rather than characters
or single words because two unrelated English paragraphs share most letters
and many words in order ("the", "said", the names of the story) but few word
pairs.

Calibration: `benchmarks/alignment_thresholds.py` (run it to reproduce) over the
181 article bodies of ../shared/eval/scrapinghub-aeb/ground-truth.json:
54,681 unrelated pairs (two different paragraphs of ≥ 8 words of one article:
same topic and names, what a wire swap looks like) and ~11,000 seeded edits of
single paragraphs. Measured (2026-11-23):

* unrelated pairs, similarity p50 / p90 / p99 / p99.9 = 0.000 / 0.051 / 0.700 /
  0.960; the upper tail is 712 pairs (1.3 %) of list and template items
  ("Portion Fix Containers: 1 Green, 1 Red…", "Get it at Walmart for $…")
  that really do share text;
* edits, similarity p1 / p5: a figure changed 0.750 / 0.800; three words
  changed 0.375 / 0.522; a sentence added 0.310 / 0.457; a sentence dropped
  0.364 / 0.582; one of 3+ sentences rewritten 0.220 / 0.412.
"""

from __future__ import annotations

# Two paragraphs are one edited paragraph when their similarity reaches this
# (or by the containment or shared-sentence rules below). With the containment
# rule at 0.7, similarity 0.4 accepts 1.48 % of unrelated pairs — all but
# 0.18 % of them the near-duplicate template items — and 100 / 98.2 / 100 /
# 99.1 / 95.7 % of the five edit sorts above. At 0.6: 1.33 % unrelated, but
# only 92.3 % of three-word edits and 81.2 % of rewritten-sentence edits; at
# 0.3: 98.2 % of rewrites for 1.54 % unrelated.
PAIR_MIN_SIMILARITY = 0.4

# ...or when at least this share of the shorter paragraph's word pairs stand,
# in order, in the longer one, with at least SHARED_MIN_WORDS of them: a
# paragraph that gained a sentence or two (similarity can drop to 0.31) still
# pairs. This rule alone accepts 1.43 / 1.21 / 0.64 % of unrelated pairs at
# 0.6 / 0.7 / 0.8, but together with the similarity rule 1.49 / 1.48 / 1.48 %:
# 0.7 costs nothing over 0.8 and keeps an 8-word paragraph that had a figure
# changed and a sentence added (containment 0.75; found by the quality
# benchmark, benchmarks/alignment.py).
PAIR_MIN_CONTAINMENT = 0.7
SHARED_MIN_WORDS = 6

# ...or when they share a whole sentence of at least this many words verbatim
# (case and punctuation aside): a rewritten lede that kept its second sentence
# is that paragraph edited, not a new paragraph (issue 3: a paragraph whose
# sentences stand verbatim in the other version is never added/removed).
# Shorter sentences ("He said no.", "Read more.") recur by chance.
SENTENCE_MIN_WORDS = 5

# Paragraphs of fewer words than this (headings, captions, list items) are
# judged on single words instead of the similarity rule (the containment rule
# still applies, so a short paragraph that gained a sentence pairs): a word
# pair more or less swings their word-pair similarity by 0.2, so "3. Sculpt" /
# "3. Blended courses" reached 0.4 on the shared "3." alone, and one typo in a
# three-word heading fell to 0.33. Measured on the AEB and WCXB dev texts
# (451,491 pairs of different short paragraphs of one article; one-word edits
# of each short paragraph): the word-pair rules accepted 1.60 % of unrelated
# pairs and 77.3 % of edits; single-word similarity ≥ 0.6 accepts 1.53 % and
# 81.6 % (≥ 0.5: 2.97 % and 100 %, as a one-word change in a two-word heading
# is exactly 0.5).
SHORT_TEXT_WORDS = 8
SHORT_PAIR_MIN_SIMILARITY = 0.6

# The lower bar for heavily edited short paragraphs that kept their place
# (sandwich.py; issue 11). An unpaired old and an unpaired new paragraph in the
# same gap of the backbone, with at most SANDWICH_MAX_GAP unpaired paragraphs
# on either side of that gap, pair when the content words they share carry at
# least SANDWICH_MIN_WEIGHTED_SHARE of the shorter one's content words, each
# word weighted log(old paragraphs / its mentions in the old version), and one
# shared word is a fact: a name or place, a figure's unit word, or a word the
# old version mentions at most FACT_MAX_MENTIONS times (its own paragraph and
# one other). Or the two are short and equal with their figures masked (a
# renumbered heading).
#
# Measured with benchmarks/alignment_real_edits.py (seed 20261202, `--set
# NAME=VALUE` to reproduce; 120 eval articles and 60 status/policy pages with
# 10-20 % of short paragraphs heavily edited, 498 old paragraphs replaced in
# place by same-topic or same-template text, 60 wire swaps), recall of the
# heavily edited pairs real / status / policy: without the lower bar 0.899 /
# 0.681 / 0.994, with it 0.982 / 0.977 / 0.996, no invented pair added (the 47
# there, 45 of them on items replaced by one of the same template, come from
# the rules above, before and after) and no wire swap paired. The share is
# not sensitive on this set (0.5, 0.7, 0.9 alike: its edits add no words);
# 0.4 adds one invented pair on status pages and 0.3 two; 0.7 loses "Road A338
# between Millbrook and Kelso remains closed…" → "Road A338 (Millbrook–Kelso)
# open again" (tests/core/test_align_pairing.py), so 0.5. FACT_MAX_MENTIONS
# 0 / 2 / 5 gives real recall 0.969 / 0.982 / 0.988 with no invented pair,
# but the set has no replacement from the same story (which shares its rare
# words), so the cautious 2. SANDWICH_MAX_GAP 1 / 3 / 6 / 12: status recall
# 0.926 / 0.977 / 0.977 / 0.977; 6 leaves room for a run of rewritten items.
SANDWICH_MAX_GAP = 6
SANDWICH_MIN_WEIGHTED_SHARE = 0.5
FACT_MAX_MENTIONS = 2
# Mentions are counted in the old paragraphs within this many of a gap: a
# status page or policy page (60-200 items) is read whole, a 3,000-paragraph
# live blog only around its edits (reading it whole cost ~0.1 s, more than the
# rest of pairing). Not calibrated: a locality choice.
SANDWICH_CONTEXT_PARAGRAPHS = 100

# No lower bar (neither the sandwich nor the single-word rule for short
# paragraphs) when fewer than this share of the shorter version's paragraphs
# have a candidate by the ordinary rules (exact, minor, split/merge, word-pair
# similarity, containment, shared sentence): a wire swap. Measured on the same
# benchmark: the 60 wire swaps 0.0 each; the 180 edited documents 0.75 at
# least (p1 0.79). The single-word rule alone paired "5. Myth: Organic produce
# is more nutritious" with another outlet's "Myth: Frozen Produce is Less
# Nutritious" in a wire swap of the first benchmark draw.
WIRE_SWAP_MAX_PAIRED_SHARE = 0.3
# ...judged only when the shorter version has at least this many paragraphs: in a
# one- to three-paragraph brief a single edited paragraph is 100 % of the text,
# and without this floor an edited one-paragraph brief ("Fish & chips" ->
# "Fish & chips,") read as a wire swap and lost its single-word pairing.
WIRE_SWAP_MIN_PARAGRAPHS = 4

# A split part (merge source) owes at least this share of its word pairs to the
# whole it came from. Not calibrated separately: a part cut at a sentence
# boundary owes ~100 %, and 0.6 leaves room for edits inside the part (the
# same margin as a "three words changed" edit at its 5th percentile, 0.52).
PART_MIN_CONTAINMENT = 0.6

# Diff sentence by sentence first above this many words (about five sentences
# of news prose): below it, a word diff of the whole paragraph reads fine. A
# readability choice, not a calibrated value.
SENTENCE_LEVEL_MIN_WORDS = 120

# An equal run of at most this many words between two changes is absorbed when
# it is shorter than both changes (diff-match-patch's semantic cleanup rule,
# limited to short runs so long shared phrases always show as shared).
ABSORB_EQUAL_WORDS = 2

# Work caps, measured on this 2-core machine: a matrix of 1M cells of
# word-pair LCS (paragraphs of 20–80 words) takes ~0.24 s; a word diff of
# 10,000 × 10,000 words (100M cells) ~0.03 s and ~12 MB of bit matrix. Above
# them the engine degrades (paragraphs far apart are not compared; a middle
# shown as one delete/insert) but never drops text. A split/merge gathers at
# most MAX_GROUP_SIZE paragraphs (a whole article collapsed into one block).
MAX_MATRIX_CELLS = 1_000_000
MAX_WORD_DIFF_CELLS = 100_000_000
MAX_GROUP_SIZE = 5000

# Above this many characters, a paragraph is not diffed word by word, and
# displays lay it out without per-word highlights and with lines broken
# anywhere (as Meld and git-cola stop inline highlighting above a size).
# Measured on this machine: laying out one unbroken run of characters with
# word-boundary wrapping grows with the square of its length (10,000
# characters 0.07 s, 40,000 0.5 s, 160,000 4.8 s; a 5 MB run never finished),
# while breaking anywhere stays linear (160,000 characters 0.1 s); a word diff
# of 1 MB of prose takes 0.8 s and of 5 MB 7 s. At 20,000 characters the worst
# case under the limit stays near 0.25 s, and a whole page extracted as one
# block (~19,000 characters in tests/core/test_align_caps.py) keeps its
# sentence-by-sentence diff.
MAX_INLINE_CHARS = 20_000
