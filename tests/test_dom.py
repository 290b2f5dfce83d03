"""Small helpers of newscrawl.extract._dom."""

from __future__ import annotations

from newscrawl.extract._dom import collapse


def test_collapse_folds_every_unicode_space() -> None:
    assert collapse(" a\xa0\u2003b\n\tc\u3000\x1f ") == "a b c"
