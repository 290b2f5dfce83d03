"""Serve a site on 127.0.0.1 for the demo, the tests and ``bench/``: saved or generated.

A saved site is a folder of pages at their URL paths (``2025/02/23/slug/index.html``)
and a ``site.json`` that names its ``origin``. Pages keep the absolute links
WordPress writes (``https://example-news.site/...``); the server rewrites that
origin to its own address on the way out, so a crawl of the copy walks the
same links as a crawl of the original. ``site.json`` may also set ``status``
(path → HTTP status) and ``redirects`` (path → path, or to an absolute URL) to
simulate faults.
A generated site (:class:`~newscrawl.sitegen.GeneratedSite`) makes its pages
on request.

The server is threaded, may answer after a ``latency``, and may be made to
fail (:class:`Faults`): each path answers with a 503 and ``Retry-After``, a
dropped connection, a 500 or a body cut short of its ``Content-Length``
before it answers properly.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self
from urllib.parse import urlsplit

_TYPES = {
    ".html": "text/html",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".json": "application/json",
}


@dataclass
class SavedSite:
    root: Path
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> SavedSite:
        return cls(root, json.loads((root / "site.json").read_text(encoding="utf-8")))

    @property
    def origin(self) -> str:
        return str(self.config["origin"]).rstrip("/")

    def locate(self, path: str) -> Path | None:
        """The file serving URL ``path``, or ``None``: never a file outside the site."""
        relative = path.lstrip("/")
        if not relative:
            candidates = ["index.html"]
        else:
            folder = relative.rstrip("/")
            candidates = [relative, f"{folder}/index.html", f"{folder}/index.xml"]
        root = self.root.resolve()
        for candidate in candidates:
            file = (root / candidate).resolve()
            if file.is_file() and file.is_relative_to(root) and file.name != "site.json":
                return file
        return None

    def respond(self, path: str, query: str, origin: str) -> tuple[int, str, bytes]:
        """``(status, content type, body)`` for ``path``, links rewritten to ``origin``."""
        status = int(self.config.get("status", {}).get(path, 200))
        file = self.locate(path) if status == 200 else None
        if file is None:
            status = status if status != 200 else 404
            return status, "text/html", b"<html><body><h1>Not found</h1></body></html>"
        body = file.read_bytes()
        content_type = _TYPES.get(file.suffix, "application/octet-stream")
        if content_type != "application/octet-stream":
            body = body.replace(self.origin.encode(), origin.encode())
        return status, content_type, body

    def redirect(self, path: str) -> str | None:
        redirect = self.config.get("redirects", {}).get(path)
        return str(redirect) if redirect else None


class Site(Protocol):
    def respond(self, path: str, query: str, origin: str) -> tuple[int, str, bytes]: ...


#: How a faulty server fails, in turn, before it answers a path properly.
FAULT_KINDS = ("503", "drop", "500", "truncate")


@dataclass
class Faults:
    """Each path fails ``first`` times (503 with ``Retry-After``, a dropped
    connection, a 500, a truncated body, in turn) before it answers."""

    first: int = 4
    kinds: tuple[str, ...] = FAULT_KINDS
    retry_after: int = 1
    seen: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self, path: str) -> str | None:
        with self.lock:
            attempt = self.seen[path]
            self.seen[path] += 1
        return self.kinds[attempt % len(self.kinds)] if attempt < self.first else None


class LoopbackServer:
    """An HTTP server on ``http://127.0.0.1:<port>``, serving from a background thread
    between ``__enter__`` and ``__exit__``."""

    def __init__(self, httpd: ThreadingHTTPServer) -> None:
        self._httpd = httpd
        self.origin = f"http://127.0.0.1:{httpd.server_address[1]}"
        self._thread = threading.Thread(target=httpd.serve_forever, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class SiteServer(LoopbackServer):
    """A site on ``http://127.0.0.1:<port>``, served from a background thread."""

    def __init__(
        self,
        site: Site,
        port: int = 0,
        *,
        latency: float = 0.0,
        faults: Faults | None = None,
        keep_alive: bool = True,
    ) -> None:
        self.site = site
        self.faults = faults
        self.requests: Counter[str] = Counter()
        #: Paths that answer with this status whatever the site holds (tests edit it live).
        self.broken: dict[str, int] = {}
        super().__init__(_Server(("127.0.0.1", port), _Handler))
        self._httpd.daemon_threads = True
        self._httpd.request_queue_size = 128
        self._httpd.RequestHandlerClass = type(
            "Handler",
            (_Handler,),
            {
                "site": site,
                "server_origin": self.origin,
                "latency": latency,
                "faults": faults,
                "counts": self.requests,
                "broken": self.broken,
                "protocol_version": "HTTP/1.1" if keep_alive else "HTTP/1.0",
            },
        )

    def url(self, path: str) -> str:
        """The served URL of a site path or of an original absolute URL."""
        origin = getattr(self.site, "origin", None)
        if isinstance(origin, str) and path.startswith(origin):
            path = path[len(origin) :]
        return self.origin + "/" + path.lstrip("/")


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a crawl killed mid-response) is no error of ours."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    # Headers and body go out as two writes: with Nagle's algorithm the body waits for
    # the client's delayed ACK of the headers, 40 ms a response that no real server adds.
    disable_nagle_algorithm = True
    # Keep-alive, as real servers do (a new connection per request costs both sides);
    # SiteServer(keep_alive=False) answers HTTP/1.0, one request a connection.
    protocol_version = "HTTP/1.1"
    site: Site
    server_origin: str
    latency: float
    faults: Faults | None
    counts: Counter[str]
    broken: dict[str, int]

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        self.counts[self.path] += 1
        if self.latency:
            time.sleep(self.latency)
        if path in self.broken:
            self._send(self.broken[path], b"<html><body>Broken</body></html>", "text/html")
            return
        fault = self.faults.next(self.path) if self.faults else None
        if fault == "drop":
            self.close_connection = True
            return
        if fault in {"503", "500"} and self.faults is not None:
            headers = {"Retry-After": str(self.faults.retry_after)} if fault == "503" else {}
            body = b"<html><body>Try again</body></html>"
            self._send(int(str(fault)), body, "text/html", headers)
            return
        redirect = getattr(self.site, "redirect", lambda _: None)(path)
        if redirect:
            self.send_response(301)
            absolute = redirect.startswith(("http://", "https://"))
            self.send_header("Location", redirect if absolute else self.server_origin + redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, content_type, body = self.site.respond(path, parts.query, self.server_origin)
        if fault == "truncate":
            self.close_connection = True
            self._send(status, body, content_type, cut=len(body) // 2)
            return
        self._send(status, body, content_type)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        cut: int | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body if cut is None else body[:cut])

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the crawl's own log says what was fetched."""
