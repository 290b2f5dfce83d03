"""Scrapy commands the project overrides (``COMMANDS_MODULE``)."""
