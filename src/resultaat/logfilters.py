"""Logging that never carries a BSN: every record's message is scrubbed before it is written."""

from __future__ import annotations

import logging
import re

# Nine digits standing alone: a BSN, or something that could be one.
BSN_PATTERN = re.compile(r"(?<!\d)\d{9}(?!\d)")
MASK = "*********"


def scrub(text: str) -> str:
    return BSN_PATTERN.sub(MASK, text)


class ScrubBSNFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub(message)
        if scrubbed != message:
            record.msg = scrubbed
            record.args = None
        return True
