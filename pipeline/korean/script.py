"""Unicode ranges of the Korean script, for regex character classes.

These are ranges of code points, not words: they say what counts as a Hangul letter when a
pattern must not start or end inside a Korean word (`(?<![가-힣])` is written
f"(?<![{HANGUL_SYLLABLES}])"). They are written with \\u escapes so that no Korean text sits
in the code; words belong in configs/.
"""

# Precomposed Hangul syllables, 가 (U+AC00) to 힣 (U+D7A3): every modern syllable block.
HANGUL_SYLLABLES = "\uac00-\ud7a3"
