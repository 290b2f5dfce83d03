"""Feed formats besides JSON Lines: CSV that keeps every field and nests nothing in reprs.

Scrapy's CSV exporter takes its columns from the first item (items that leave a
field out, as ours do when a page has no date, lose later items' values) and
writes a dict or a list of dicts as its Python ``repr``. This one has a column
for every item field (or those ``FEED_EXPORT_FIELDS`` names) and writes nested
fields (``authors``, ``breadcrumbs``, ``mainImage``, ``metadata``) as JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from io import BytesIO
from typing import Any

from scrapy.exporters import CsvItemExporter as ScrapyCsvItemExporter
from scrapy.item import Field

from newscrawl.pipelines import FIELDS

__all__ = ["CsvItemExporter"]


class CsvItemExporter(ScrapyCsvItemExporter):
    def __init__(self, file: BytesIO, **kwargs: Any) -> None:
        if kwargs.get("fields_to_export") is None:
            kwargs["fields_to_export"] = list(FIELDS)
        super().__init__(file, **kwargs)

    def serialize_field(self, field: Mapping[str, Any] | Field, name: str, value: Any) -> Any:
        if isinstance(value, dict | list | tuple) and "serializer" not in field:
            return json.dumps(value, ensure_ascii=False, sort_keys=False)
        return super().serialize_field(field, name, value)
