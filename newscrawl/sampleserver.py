"""Serve a saved site from ``fixtures/sites/`` on 127.0.0.1, for the demo and the tests.

A saved site is a folder of pages at their URL paths (``2025/02/23/slug/index.html``)
and a ``site.json`` that names its ``origin``. Pages keep the absolute links
WordPress writes (``https://example-news.site/...``); the server rewrites that
origin to its own address on the way out, so a crawl of the copy walks the
same links as a crawl of the original. ``site.json`` may also set ``status``
(path → HTTP status) and ``redirects`` (path → path) to simulate faults.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self
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


class SiteServer:
    """A saved site on ``http://127.0.0.1:<port>``, served from a background thread."""

    def __init__(self, site: SavedSite, port: int = 0) -> None:
        self.site = site
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._httpd.RequestHandlerClass = type(
            "Handler", (_Handler,), {"site": site, "server_origin": self.origin}
        )
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        """The served URL of a site path or of an original absolute URL."""
        if path.startswith(self.site.origin):
            path = path[len(self.site.origin) :]
        return self.origin + "/" + path.lstrip("/")

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


class _Handler(BaseHTTPRequestHandler):
    site: SavedSite
    server_origin: str

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        redirect = self.site.config.get("redirects", {}).get(path)
        if redirect:
            self.send_response(301)
            self.send_header("Location", self.server_origin + redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = int(self.site.config.get("status", {}).get(path, 200))
        file = self.site.locate(path) if status == 200 else None
        if file is None:
            status = status if status != 200 else 404
            self._send(status, b"<html><body><h1>Not found</h1></body></html>", "text/html")
            return
        body = file.read_bytes()
        content_type = _TYPES.get(file.suffix, "application/octet-stream")
        if content_type != "application/octet-stream":
            body = body.replace(self.site.origin.encode(), self.server_origin.encode())
        self._send(status, body, content_type)

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the crawl's own log says what was fetched."""
