from __future__ import annotations

import pytest

from newscrawl.arguments import ArgumentError, parse_arguments


def test_defaults():
    args = parse_arguments("https://a.example/p/")
    assert args.start == ("https://a.example/p/",)
    assert args.follow == "both" and args.directions == ("prev", "next") and args.limit is None


def test_several_starts_and_options():
    args = parse_arguments(" https://a.example/1/ ,http://b.example/2/", "prev", "5")
    assert args.start == ("https://a.example/1/", "http://b.example/2/")
    assert args.directions == ("prev",) and args.limit == 5
    assert parse_arguments("https://a.example/", "none").directions == ()


@pytest.mark.parametrize(
    ("start", "follow", "limit", "message"),
    [
        (None, None, None, "missing -a start"),
        ("ftp://a.example/x", None, None, "is not an http(s) URL"),
        ("a.example/post/", None, None, "is not an http(s) URL"),
        ("https://", None, None, "is not an http(s) URL"),
        ("https://a.example/", "sideways", None, "follow: 'sideways' is not one of"),
        ("https://a.example/", None, "ten", "limit: 'ten' is not a whole number"),
        ("https://a.example/", None, "0", "must be at least 1"),
    ],
)
def test_bad_arguments(start, follow, limit, message):
    with pytest.raises(ArgumentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_arguments(start, follow, limit)
