"""newscrawl: walk news sites' Prev/Next post chains and export clean articles."""

from __future__ import annotations

from newscrawl.extract import ArticlePage

__all__ = ["ArticlePage"]
