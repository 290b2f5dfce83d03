"""One item for a post split over pages: each page's body, in order, under the first page's URL.

The spider (and ``python -m newscrawl extract --post``) reads each page as any
article page — the same extraction, the same page-bound pipelines cleaning
and rendering its body — and this module joins them: ``articleBody`` and
``articleBodyHtml`` hold every page's text in page order; everything else
(headline, dates, authors, ``url``, the Prev/Next links) is the first
page's; ``metadata.pages`` lists the pages' URLs. A page that could not be
fetched ends the post there, flagged: ``metadata.incomplete`` says which
page and why — never a silently short article.
"""

from __future__ import annotations

from typing import Any

__all__ = ["POST_PAGES", "add_page", "first_page", "missing_page"]

#: Request meta of a post's next page: the item so far and the pages read.
POST_PAGES = "newscrawl_post_pages"


def first_page(item: dict[str, Any], url: str) -> dict[str, Any]:
    """The state of a post whose first page (already rendered) is ``item``."""
    metadata = item.setdefault("metadata", {})
    metadata["pages"] = [url]
    return {"item": item, "number": 1}


def add_page(state: dict[str, Any], page: dict[str, Any], url: str) -> dict[str, Any]:
    """Append the next page (its item, rendered) to the post; the state for the page after."""
    item = state["item"]
    text = (page.get("articleBody") or "").strip()
    if text:
        item["articleBody"] = "\n\n".join(p for p in (item.get("articleBody"), text) if p)
        item["articleBodyHtml"] = _joined(item.get("articleBodyHtml") or "", page)
    item["metadata"]["pages"].append(url)
    return {"item": item, "number": state["number"] + 1}


def _joined(html: str, page: dict[str, Any]) -> str:
    """One ``<article>`` holding both pages' bodies (each page renders its own)."""
    more = page.get("articleBodyHtml") or ""
    if html.endswith(_CLOSE) and more.startswith(_OPEN):
        return html[: -len(_CLOSE)] + more[len(_OPEN) :]
    return html + more


_OPEN, _CLOSE = "<article>", "</article>"


def missing_page(state: dict[str, Any], url: str, reason: str) -> dict[str, Any]:
    """The post as far as it could be read: flagged incomplete at page ``url``."""
    item: dict[str, Any] = state["item"]
    item["metadata"]["incomplete"] = {
        "missingPage": url,
        "pageNumber": state["number"] + 1,
        "reason": reason,
    }
    return item
