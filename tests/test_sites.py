from __future__ import annotations

import pytest

from newscrawl.sites import SitesFileError, load_sites


def write(tmp_path, text):
    path = tmp_path / "sites.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_and_overrides(tmp_path):
    path = write(
        tmp_path,
        '[[site]]\nstart = "https://www.a.example/feed/"\n\n'
        '[[site]]\nname = "b"\nstart = ["https://b.example/", "https://b.example/x/"]\n'
        'drop = ".ad"\ndayfirst = true\ndelay = 1\n',
    )
    a, b = load_sites(path)
    assert (a.name, a.hosts, a.follow) == ("a.example", ("a.example",), "both")
    assert (b.start, b.drop, b.dayfirst, b.delay) == (
        ("https://b.example/", "https://b.example/x/"),
        (".ad",),
        True,
        1.0,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[site]]\nstart = "https://a.example/"\nfollow = "up"\n',
            ":3: site 1: follow: 'up' is not one of",
        ),
        ('[[site]]\nname = "x"\n', ":1: site 1: 'start' is required"),
        ('[[site]]\nstart = "ftp://a"\n', ":2: site 1: start: 'ftp://a' is not an http(s) URL"),
        (
            '[[site]]\nstart = "https://a.example/"\n\n[[site]]\nstart = "https://b.example/"\nlimit = 0\n',
            ":6: site 2: limit must be at least 1",
        ),
        (
            '[[site]]\nstart = "https://a.example/"\nbody = "div[["\n',
            ":3: site 1: body: 'div[[' is not a CSS selector",
        ),
        (
            '[[site]]\nstart = "https://a.example/"\ntimezone = "Mars/Base"\n',
            ":3: site 1: timezone: 'Mars/Base'",
        ),
        (
            '[[site]]\nstart = "https://a.example/"\ndayfirst = "yes"\n',
            ":3: site 1: 'dayfirst' has the wrong type (str)",
        ),
        ('[[site]]\nstart = "https://a.example/"\nstart = "x"\n', ":3: Cannot overwrite a value"),
        ("", ":1: no [[site]] tables"),
        (
            '[[site]]\nname = "a"\nstart = "https://a.example/"\n[[site]]\nname = "a"\nstart = "https://b.example/"\n',
            ":5: site name 'a' used twice",
        ),
    ],
)
def test_problems_name_file_and_line(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SitesFileError) as error:
        load_sites(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(SitesFileError, match="cannot read"):
        load_sites(tmp_path / "nope.toml")
