from __future__ import annotations

from newscrawl.feedstorage import LineFeedStorage, repair_tail, tail_lines


def test_a_cut_last_line_is_removed(tmp_path):
    feed = tmp_path / "f.jsonl"
    feed.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": ')
    assert repair_tail(feed) == 6
    assert feed.read_bytes() == b'{"a": 1}\n{"b": 2}\n'
    assert repair_tail(feed) == 0
    feed.write_bytes(b'{"only": "cut')
    assert repair_tail(feed) == 13 and feed.read_bytes() == b""
    assert repair_tail(feed) == 0


def test_tail_lines_read_backwards_across_blocks(tmp_path):
    feed = tmp_path / "f.jsonl"
    lines = [(b"%d " % n) * (n * 500) for n in range(1, 40)]  # some longer than a block
    feed.write_bytes(b"\n".join(lines) + b"\n")
    assert list(tail_lines(feed, 5)) == lines[::-1][:5]
    assert list(tail_lines(feed, 1000)) == lines[::-1]


def test_every_line_reaches_the_file_as_it_is_written(tmp_path):
    """No buffer holds exported lines back: a SIGKILL keeps every one written."""
    path = tmp_path / "deep" / "f.jsonl"
    path.parent.mkdir()
    path.write_bytes(b'{"old": 1}\n{"cut')
    storage = LineFeedStorage(str(path), feed_options={"overwrite": False})
    file = storage.open(spider=None)  # type: ignore[arg-type]
    file.write(b'{"new": 2}\n')
    assert path.read_bytes() == b'{"old": 1}\n{"new": 2}\n'  # before any flush or close
    file.close()
