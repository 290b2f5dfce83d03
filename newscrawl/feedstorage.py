"""Local feed files that a kill cannot leave short or broken.

Scrapy's :class:`~scrapy.extensions.feedexport.FileFeedStorage` hands the
exporter a buffered file: a process killed with ``SIGKILL`` loses the last
few kilobytes of items, which the crawl already counted as exported. This
storage writes every item's line to the operating system as it is exported
(one ``write`` per line), so what the frontier and the seen-state record as
exported is in the file. Given a file to append to, it removes a cut last
line (a power cut, a full disk) when the run starts, so the file stays JSON Lines.

A run that exports nothing leaves no new empty file behind (a scheduled job with
nothing new would leave one every run); a file that was there is kept, emptied
only by ``-O``, which asks for this run's items alone.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Self, cast

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

__all__ = ["LineFeedStorage", "repair_tail", "tail_lines"]

logger = logging.getLogger(__name__)

_BLOCK = 64 * 1024


class LineFeedStorage(FileFeedStorage):
    """``FEED_STORAGES`` for local files: whole lines, written through, recorded for resumes."""

    def __init__(
        self,
        uri: str,
        *,
        feed_options: dict[str, Any] | None = None,
        crawler: Crawler | None = None,
    ) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler
        self._existed = True
        # The feed opens at its first item; a cut line is mended at the start all the same,
        # so that a run with nothing to add leaves JSON Lines too.
        path = Path(self.path)
        if self.write_mode == "ab" and path.is_file():
            self._repair(path)

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> Self:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._existed = path.exists()
        self._record(path)
        return cast("IO[bytes]", _WriteThrough(path, self.write_mode))

    def _repair(self, path: Path) -> None:
        cut = repair_tail(path)
        if cut:
            logger.warning("Feed %s ended in a cut line (%d bytes): removed", path, cut)
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/feed/cut_lines_removed")

    def store(self, file: IO[bytes]) -> None:
        file.close()
        path = Path(self.path)
        if not self._existed and path.is_file() and not path.stat().st_size:
            path.unlink()
            logger.info("Nothing exported: no feed file written at %s", path)
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawl/feed/empty_not_written")

    def _record(self, path: Path) -> None:
        """Tell the frontier where items go, so a resume can find the last ones."""
        if self.crawler is None:
            return
        from newscrawl.frontier import Frontier

        frontier = self.crawler.get_spider_middleware(Frontier)
        if frontier is not None:
            frontier.store.add_feed(str(path.resolve()))


class _WriteThrough(io.FileIO):
    """An unbuffered file whose ``write`` writes everything it is given."""

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            written = super().write(view[done:])
            if not written:
                raise OSError(f"could not write to {self.name}")
            done += written
        return done


def repair_tail(path: Path) -> int:
    """Cut a last line that does not end in a newline; return how many bytes were cut."""
    with path.open("r+b") as file:
        size = file.seek(0, os.SEEK_END)
        if not size:
            return 0
        file.seek(size - 1)
        if file.read(1) == b"\n":
            return 0
        end = size
        while end > 0:
            start = max(0, end - _BLOCK)
            file.seek(start)
            block = file.read(end - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            end = start
        else:
            keep = 0
        file.truncate(keep)
        return size - keep


def tail_lines(path: Path, limit: int) -> Iterator[bytes]:
    """The file's last ``limit`` lines, last first, read backwards in blocks."""
    with path.open("rb") as file:
        end = file.seek(0, os.SEEK_END)
        rest = b""
        given = 0
        while end > 0 and given < limit:
            start = max(0, end - _BLOCK)
            file.seek(start)
            chunk = file.read(end - start) + rest
            end = start
            lines = chunk.split(b"\n")
            rest = lines[0] if start > 0 else b""
            for line in reversed(lines if start == 0 else lines[1:]):
                if line.strip():
                    yield line
                    given += 1
                    if given >= limit:
                        return
