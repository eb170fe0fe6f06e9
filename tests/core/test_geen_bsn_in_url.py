"""P8: a BSN is never part of a URL, for every request (web and API), and never reaches a log line:
not the application's, not Django's request log, not runserver's request line."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest
from django.urls import reverse

from resultaat.logfilters import ScrubBSNFilter

BSN = "123456782"
NEGEN_CIJFERS = re.compile(r"(?<!\d)\d{9}(?!\d)")

pytestmark = pytest.mark.django_db


def _urls() -> list[str]:
    return [
        "/api/v1/clienten/",
        "/api/v1/clienten/1/",
        "/api/v1/toewijzingen/",
        reverse("web:client-list"),
        reverse("web:client-zoeken"),
        "/",
    ]


@pytest.mark.parametrize("naam", ["bsn", "BSN", "client_bsn"])
@pytest.mark.parametrize("url", _urls())
def test_a_bsn_parameter_is_a_400_everywhere(client, alice, url, naam):
    client.force_login(alice)
    response = client.get(url, {naam: BSN})
    assert response.status_code == 400
    tekst = response.content.decode()
    assert "Een BSN hoort niet in een webadres" in tekst and naam in tekst
    assert BSN not in tekst
    assert "no-store" in response["Cache-Control"]
    if url.startswith("/api/"):
        assert response["Content-Type"] == "application/json"
        assert list(response.json()) == ["bsn"]


def test_also_without_login_and_with_post(client):
    assert client.get("/api/v1/clienten/", {"bsn": BSN}).status_code == 400
    assert client.post(reverse("web:client-zoeken") + f"?bsn={BSN}", {"bsn": BSN}).status_code == 400


def test_other_parameters_pass(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/clienten/", {"page": "1"}).status_code == 200


def _schrijvende_handlers() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [
        lg for lg in logging.Logger.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]
    handlers = {h for lg in loggers for h in lg.handlers}
    # pytest's capture handlers and handlers that write nothing are not part of the configuration.
    return [
        h
        for h in handlers
        if not type(h).__module__.startswith("_pytest") and not isinstance(h, logging.NullHandler)
    ]


def test_every_handler_scrubs_bsns():
    handlers = _schrijvende_handlers()
    assert handlers
    zonder = [h for h in handlers if not any(isinstance(f, ScrubBSNFilter) for f in h.filters)]
    assert zonder == []


@pytest.fixture
def logregels() -> Iterator[io.StringIO]:
    """Everything the configured stream handlers write, in one buffer."""
    buffer = io.StringIO()
    streams = [h for h in _schrijvende_handlers() if isinstance(h, logging.StreamHandler)]
    oud = [h.setStream(buffer) for h in streams]
    try:
        yield buffer
    finally:
        for h, stream in zip(streams, oud, strict=True):
            h.setStream(stream)


def test_the_log_lines_of_such_a_request_carry_no_bsn(client, alice, logregels):
    client.force_login(alice)
    pad = f"/api/v1/clienten/?bsn={BSN}"
    response = client.get(pad)
    assert response.status_code == 400
    # What runserver writes for it (django.core.servers.basehttp.WSGIRequestHandler.log_message).
    logging.getLogger("django.server").warning(
        '"%s" %s %s', f"GET {pad} HTTP/1.1", "400", "140", extra={"status_code": 400}
    )
    try:
        raise ValueError(f"cliënt {BSN} onbekend")
    except ValueError:
        logging.getLogger("django.request").exception("Internal Server Error: %s", pad)
    tekst = logregels.getvalue()
    assert "Bad Request: /api/v1/clienten/" in tekst and "GET /api/v1/clienten/?bsn=" in tekst
    assert "onbekend" in tekst
    assert NEGEN_CIJFERS.findall(tekst) == []
