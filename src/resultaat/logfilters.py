"""Logging that never carries a BSN, nor a survey link's code: every record's message (and traceback) is
scrubbed before it is written.

The filter sits on every handler in settings.LOGGING (a filter on a logger would miss records that
propagate to it), Django's "django" and "django.server" loggers included.
"""

from __future__ import annotations

import logging
import re

# Nine digits standing alone: a BSN, or something that could be one.
BSN_PATTERN = re.compile(r"(?<!\d)\d{9}(?!\d)")
MASK = "*********"
# The code of a survey link (``/enquete/?code=...``): a key to a resident's answers, never logged.
CODE_PATTERN = re.compile(r"([?&]code=)[^\s&\"']*", re.IGNORECASE)


def scrub(text: str) -> str:
    return CODE_PATTERN.sub(r"\1" + MASK, BSN_PATTERN.sub(MASK, text))


class ScrubBSNFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = scrub(message)
        if scrubbed != message:
            record.msg = scrubbed
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
