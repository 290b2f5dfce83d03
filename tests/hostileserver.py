"""A server on 127.0.0.1 that lies: bombs, wrong types and lengths, stalls, hostile XML.

Each path answers one way of misbehaving; ``/article/<n>/`` are real
articles, whose Prev links may point anywhere a test asks.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import brotli

from newscrawl.sampleserver import LoopbackServer

PARAGRAPH = (
    "The council voted on Tuesday to extend the programme for another three years, after a "
    "long debate in which members on both sides, and several residents, spoke at length."
)


def article(title: str, prev: str | None = None) -> bytes:
    link = f'<nav class="post-navigation"><a rel="prev" href="{prev}">Previous Post</a></nav>'
    paragraphs = "".join(f"<p>{title}: {PARAGRAPH} ({n})</p>" for n in range(5))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        '<time datetime="2025-01-07T09:00:00Z">7 January 2025</time>'
        f"<div class='entry-content'>{paragraphs}</div>{link if prev else ''}</article>"
        "</body></html>"
    ).encode()


def _story(title: str, sentence: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        '<time datetime="2025-01-07T09:00:00Z">7 January 2025</time>'
        + f"<p>{sentence}</p>" * 5
        + "</article></body></html>"
    )


#: Pages whose bytes are not in the encoding they declare: ``(text, bytes in, declared)``.
MISDECLARED = {
    "/cp1251-as-utf8/": (
        _story(
            "Новости дня", "Совет проголосовал во вторник за продление программы ещё на три года."
        ),
        "cp1251",
        "utf-8",
    ),
    "/shift-jis-as-latin1/": (
        _story(
            "今日のニュース", "議会は火曜日、長い議論の末、計画をさらに三年間延長することを決めた。"
        ),
        "shift_jis",
        "iso-8859-1",
    ),
}

_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol">'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9)
    )
    + b']><rss version="2.0"><channel><title>&j;</title><item><link>/article/1/</link>'
    b"<title>&j;</title></item></channel></rss>"
)
_XXE = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><title>Feed</title><item><title>&xxe;</title>'
    b"<description>&xxe;</description><link>{origin}/article/2/</link></item></channel></rss>"
)
#: Entities declared inline: a feed all the same (the DOCTYPE holds a ">" before it ends).
_DOCTYPE_FEED = (
    b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY nbsp "&#160;"> <!ENTITY mdash "&#8212;">]>\n'
    b'<rss version="2.0"><channel><title>Feed&nbsp;&mdash; news</title><item>'
    b"<title>Article&nbsp;5</title><link>{origin}/article/5/</link></item></channel></rss>"
)
_BOMB = 64 * 1024 * 1024  # inflates past the crawl's 16 MiB DOWNLOAD_MAXSIZE


def _brotli(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=1))


def _zeros_compressed(compress: Callable[[bytes], bytes]) -> bytes:
    chunk = b"\0" * (1024 * 1024)
    return compress(chunk * (_BOMB // len(chunk)))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.asked.append(path)
        origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        if path.startswith("/article/"):
            number = path.strip("/").split("/")[-1]
            prev = self.server.prev_links.get(number)
            self._send(200, article(f"Article {number}", prev), "text/html; charset=utf-8")
        elif path in MISDECLARED:
            text, encoding, declared = MISDECLARED[path]
            self._send(200, text.encode(encoding), f"text/html; charset={declared}")
        elif path == "/laughs.xml":
            self._send(200, _LAUGHS, "application/rss+xml")
        elif path == "/meta-refresh/":
            refresh = f'<meta http-equiv="refresh" content="0; url={self.server.refresh_to}">'
            self._send(
                200, f"<html><head>{refresh}</head><body></body></html>".encode(), "text/html"
            )
        elif path == "/doctype-feed.xml":
            self._send(200, _DOCTYPE_FEED.replace(b"{origin}", origin.encode()), "text/xml")
        elif path == "/xxe.xml":
            self._send(200, _XXE.replace(b"{origin}", origin.encode()), "application/rss+xml")
        elif path in {"/gzip-bomb/", "/deflate-bomb/", "/brotli-bomb/"}:
            encoding, body = self.server.bomb(path)
            self._send(200, body, "text/html", {"Content-Encoding": encoding})
        elif path == "/huge/":
            page = b"<html><body><p>" + b"x" * (20 * 1024 * 1024) + b"</p></body></html>"
            self._send(200, page, "text/html")
        elif path == "/nested/":
            depth = 100_000
            nested = b"<div>" * depth + b"deep" + b"</div>" * depth
            self._send(200, b"<html><body>" + nested + b"</body></html>", "text/html")
        elif path == "/binary-as-html/":
            self._send(200, bytes(range(256)) * 400, "text/html")
        elif path == "/article-as-octet-stream/":
            self._send(200, article("Served as octet-stream"), "application/octet-stream")
        elif path == "/short-body/":
            body = article("Cut short")
            longer = {"Content-Length": str(len(body) + 5000)}
            self._send(200, body, "text/html", longer, close=True)
        elif path == "/stall/":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            self.wfile.flush()
            time.sleep(self.server.stall)
            self.close_connection = True
        elif path.startswith("/redirect-chain/"):
            step = int(path.strip("/").split("/")[-1] or 0)
            self._redirect(f"{origin}/redirect-chain/{step + 1}/")
        else:
            self._send(404, b"<html><body>Not found</body></html>", "text/html")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        *,
        close: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        headers = {"Content-Length": str(len(body)), **(headers or {})}
        for name, value in headers.items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        # The crawler hanging up on a body it did not want is the point.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    asked: list[str]
    prev_links: dict[str, str]
    refresh_to: str
    stall: float
    _bombs: dict[str, tuple[str, bytes]]
    _lock: threading.Lock

    def bomb(self, path: str) -> tuple[str, bytes]:
        with self._lock:
            if path not in self._bombs:
                self._bombs[path] = {
                    "/gzip-bomb/": lambda: ("gzip", _zeros_compressed(gzip.compress)),
                    "/deflate-bomb/": lambda: ("deflate", _zeros_compressed(zlib.compress)),
                    "/brotli-bomb/": lambda: ("br", _zeros_compressed(_brotli)),
                }[path]()
            return self._bombs[path]


class HostileServer(LoopbackServer):
    """``with HostileServer() as server: server.url("/gzip-bomb/")``."""

    def __init__(self, *, stall: float = 5.0) -> None:
        httpd = _Server(("127.0.0.1", 0), _Handler)
        httpd.asked = []
        httpd.prev_links = {}
        httpd.refresh_to = "/article/1/"
        httpd.stall = stall
        httpd._bombs = {}
        httpd._lock = threading.Lock()
        super().__init__(httpd)
        self._server = httpd

    def url(self, path: str) -> str:
        return self.origin + path

    @property
    def asked(self) -> list[str]:
        return self._server.asked

    def set_prev(self, number: int, link: str) -> None:
        """Article ``number``'s Prev link."""
        self._server.prev_links[str(number)] = link

    def refresh_to(self, url: str) -> None:
        """Where ``/meta-refresh/`` sends the reader."""
        self._server.refresh_to = url
