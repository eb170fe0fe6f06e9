"""The storage of collected static files in production: WhiteNoise's hashed and compressed files.

A third-party stylesheet may name a file its package does not ship (the NL Design System tokens'
``background-image-icon.css`` names ``pijltje.svg``, a stylesheet the pages never load). Such a reference
is left as it is, so that ``collectstatic`` hashes and compresses everything else instead of stopping.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.contrib.staticfiles.apps import StaticFilesConfig
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StatischeBestanden(CompressedManifestStaticFilesStorage):
    def url_converter(self, name: str, hashed_files: Any, template: str | None = None) -> Callable[..., str]:
        converter = super().url_converter(name, hashed_files, template)

        def ongewijzigd_als_ontbrekend(matchobj: re.Match[str]) -> str:
            try:
                return converter(matchobj)
            except ValueError:
                return matchobj.group(0)

        return ongewijzigd_als_ontbrekend


class StatischeBestandenConfig(StaticFilesConfig):
    """``django.contrib.staticfiles`` without the npm packages' sources, type files, data and dark theme,
    which no page loads: collectstatic then hashes and compresses a few hundred files instead of 1,600."""

    ignore_patterns = [
        *StaticFilesConfig.ignore_patterns,
        "*.json", "*.mjs", "*.cjs", "*.d.ts", "*.scss", "*.less", "*.md", "scss", "dark", "LICENSE",
    ]  # fmt: skip
