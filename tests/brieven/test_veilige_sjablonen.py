"""Security P2: a letter template must not attach server files to the PDF, make the server fetch URLs, or
run script in the consulent's browser through the preview.

Three layers are tested: the check when the text is saved (admin form and model clean), the nh3 clean of
the rendered text plus the PDF fetcher that only serves static files (for a text stored before the check,
and for every PDF of the app), and the escaped, sandboxed preview iframe.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from resultaat.brieven.models import Briefsjabloon
from resultaat.brieven.render import pdf
from resultaat.toegang.brieven import informatiebrief_html
from resultaat.toegang.models import Aanvraag, Beschikking, Besluit
from tests import factories as f

pytestmark = pytest.mark.django_db


def bijlagen(inhoud: bytes) -> dict:
    reader = PdfReader(io.BytesIO(inhoud))
    gevonden = dict(reader.attachments)
    for pagina in reader.pages:
        for annotatie in pagina.get("/Annots") or []:
            if annotatie.get_object().get("/Subtype") == "/FileAttachment":
                gevonden[f"annotatie {len(gevonden)}"] = annotatie
    return gevonden


@pytest.fixture
def geheim(tmp_path):
    bestand = tmp_path / "db.sqlite3"
    bestand.write_bytes(b"BSN 999999990 wachtwoord-hash token GEHEIM")
    return bestand


@pytest.fixture
def server():
    """A local HTTP server that counts the requests it gets: a PDF must never reach it."""
    verzoeken: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            verzoeken.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", verzoeken
    httpd.shutdown()
    httpd.server_close()


def aanval(geheim, url: str = "") -> str:
    return (
        f'<p>Geachte cliënt,</p><link rel="attachment" href="file://{geheim}">'
        f'<a rel="attachment" href="file://{geheim}">bijlage</a>'
        + (
            f'<link rel="stylesheet" href="{url}/stijl.css"><img src="{url}/logo.png">'
            f'<p style="background: url({url}/achtergrond.png)">x</p>'
            if url
            else ""
        )
    )


# --- 1. The PDF fetcher ------------------------------------------------------------------------------


def test_a_pdf_attaches_no_server_file(geheim):
    html_ = f"<html><body>{aanval(geheim)}<img src='file://{geheim}'></body></html>"
    inhoud = pdf(html_)
    assert bijlagen(inhoud) == {}
    assert b"GEHEIM" not in inhoud


def test_a_pdf_fetches_no_remote_url(server):
    url, verzoeken = server
    inhoud = pdf(
        f'<html><head><link rel="stylesheet" href="{url}/a.css"><style>@import "{url}/b.css";</style></head>'
        f'<body><img src="{url}/c.png"><p style="background: url({url}/d.png)">x</p>'
        f'<a rel="attachment" href="{url}/e.txt">e</a></body></html>'
    )
    assert verzoeken == []
    assert bijlagen(inhoud) == {}


def test_the_fetcher_serves_static_files_and_data_uris_and_refuses_the_rest(geheim):
    from resultaat.brieven.ophalen import BASIS_URL, GeweigerdeURL, VeiligeFetcher

    fetcher = VeiligeFetcher()
    statisch = next(
        pad
        for pad, _ in finders.get_finder("django.contrib.staticfiles.finders.AppDirectoriesFinder").list([])
        if pad.endswith(".css")
    )
    antwoord = fetcher(f"{BASIS_URL}static/{statisch}")
    assert antwoord.read() == open(finders.find(statisch), "rb").read()
    assert fetcher("data:text/plain;base64,aGFsbG8=").read() == b"hallo"
    for url in (
        f"file://{geheim}",
        "http://127.0.0.1:1/x",
        "https://example.org/x.css",
        "ftp://example.org/x",
        f"{BASIS_URL}static/../../../../../../{geheim}",
        f"{BASIS_URL}static/%2e%2e/%2e%2e/%2e%2e/{geheim}",
        f"{BASIS_URL}andere/{statisch}",
        f"https://example.org/static/{statisch}",
    ):
        with pytest.raises((GeweigerdeURL, ValueError)):
            fetcher(url)


# --- 2. The check when saving ------------------------------------------------------------------------


ONVEILIG = [
    ('<link rel="attachment" href="file:///app/db.sqlite3">', "<link>"),
    ("<script>alert(1)</script>", "<script>"),
    ("<scr{{ x }}ipt>alert(1)</script>", "<script>"),
    ('<iframe src="https://example.org"></iframe>', "<iframe>"),
    ('<object data="file:///etc/passwd"></object>', "<object>"),
    ('<embed src="file:///etc/passwd">', "<embed>"),
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', "<meta>"),
    ('<base href="https://example.org/">', "<base>"),
    ('<img src="https://example.org/x.png">', "<img>"),
    ("<style>p { background: url(file:///etc/passwd) }</style>", "<style>"),
    ('<p style="background: url(https://example.org/x.png)">x</p>', "url()"),
    ('<p onclick="alert(1)">x</p>', "onclick"),
    ('<p o{% if a %}{% endif %}nmouseover="alert(1)">x</p>', "nmouseover"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<a href=" java&#x09;script:alert(1)">x</a>', "javascript:"),
    ('<a href="file:///etc/passwd">x</a>', "file:///etc/passwd"),
    ('{% include "admin/base.html" %}', "{% include %}"),
    ('{% extends "admin/base.html" %}', "{% extends %}"),
    ("{% load static %}", "{% load %}"),
    ("{% debug %}", "{% debug %}"),
    ("{% autoescape off %}{{ client.naam }}{% endautoescape %}", "{% autoescape %}"),
    ("{{ client.naam|safe }}", "|safe"),
    ("{% with n=client.naam|safe %}{{ n }}{% endwith %}", "|safe"),
]


@pytest.mark.parametrize(("tekst", "genoemd"), ONVEILIG)
def test_an_unsafe_text_is_refused_by_the_model_naming_what_is_not_allowed(tekst, genoemd):
    sjabloon = Briefsjabloon(soort="informatie", geldig_van=dt.date(2030, 1, 1), onderwerp="x", tekst=tekst)
    with pytest.raises(ValidationError) as fout:
        sjabloon.full_clean()
    meldingen = " ".join(fout.value.message_dict["tekst"])
    assert genoemd in meldingen and "niet toegestaan" in meldingen


def test_the_default_letters_pass_the_check():
    for sjabloon in Briefsjabloon.objects.all():
        sjabloon.full_clean()


@pytest.fixture
def beheerder(client):
    client.force_login(f.UserFactory(username="beheer", rol="", is_staff=True, is_superuser=True))
    return client


def test_the_admin_refuses_the_attachment_attack_and_a_script_with_a_dutch_message(beheerder):
    sjabloon = Briefsjabloon.objects.get(soort="informatie", gemeente=None)
    oud = sjabloon.tekst
    url = reverse("admin:brieven_briefsjabloon_change", args=[sjabloon.pk])
    data = {"soort": "informatie", "geldig_van": "01-01-2015", "onderwerp": "Informatie"}
    for tekst, genoemd in (
        ('<p>Hallo</p><link rel="attachment" href="file:///app/db.sqlite3">', "Het element <link>"),
        ('<p>Hallo</p><script>fetch("/beheer/")</script>', "Het element <script>"),
        ('<p onclick="alert(1)">Hallo</p>{% load static %}', "Het attribuut onclick"),
    ):
        response = beheerder.post(url, {**data, "tekst": tekst})
        assert response.status_code == 200
        meldingen = " ".join(response.context["adminform"].form.errors["tekst"])
        assert genoemd in meldingen and "niet toegestaan" in meldingen
        sjabloon.refresh_from_db()
        assert sjabloon.tekst == oud
    response = beheerder.post(
        url, {**data, "tekst": '<p class="x">{{ aanhef }},</p>{% if client %}ja{% endif %}'}
    )
    assert response.status_code == 302


# --- 3. A text stored before the check: rendered harmlessly -----------------------------------------------


def test_a_stored_unsafe_text_still_yields_a_pdf_without_attachments_or_fetches(geheim, server, alkmaar):
    url, verzoeken = server
    Briefsjabloon.objects.create(
        soort="informatie",
        gemeente=alkmaar,
        geldig_van=dt.date(2000, 1, 1),
        onderwerp="Informatie",
        tekst=aanval(geheim, url)
        + '<script>alert(1)</script><p onclick="alert(2)">Met vriendelijke groet</p>',
    )
    client = f.ClientFactory(gemeente=alkmaar)
    f.ToewijzingFactory(client=client)  # a current client of huishoudelijke hulp: the letter is for them
    brief = informatiebrief_html(client, datum=dt.date(2025, 11, 3), per_datum=dt.date(2026, 1, 1))
    assert "<script" not in brief and "onclick" not in brief and "file://" not in brief
    inhoud = pdf(brief)
    assert bijlagen(inhoud) == {}
    assert b"GEHEIM" not in inhoud
    assert verzoeken == []
    assert "Met vriendelijke groet" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


# --- 4. The preview in the browser ---------------------------------------------------------------------


class _Iframes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.iframes: list[dict[str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.iframes.append(dict(attrs))
        if tag == "script":
            self.scripts.append(dict(attrs))


def test_the_preview_is_escaped_and_sandboxed(client, alice, noor):
    Briefsjabloon.objects.create(
        soort="toekenning",
        gemeente=noor.gemeente,
        geldig_van=dt.date(2000, 1, 1),
        onderwerp="Uw besluit",
        tekst='<p>Hallo</p>"><script>alert(document.cookie)</script><img src=x onerror="alert(1)">'
        '<p title="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;">x</p>',
    )
    aanvraag = Aanvraag.objects.create(client=noor, gemeente=noor.gemeente, ontvangen_op=dt.date(2016, 12, 1))
    beschikking = Beschikking.objects.create(
        aanvraag=aanvraag,
        client=noor,
        gemeente=noor.gemeente,
        nummer="B-XSS",
        besluit=Besluit.TOEGEKEND,
        besluitdatum=dt.date(2016, 12, 10),
    )
    client.force_login(alice)
    pagina = client.get(reverse("web:beschikking-detail", args=[beschikking.pk])).content.decode()
    parser = _Iframes()
    parser.feed(pagina)
    [iframe] = parser.iframes
    assert iframe.get("sandbox") == ""
    assert all("src" in s for s in parser.scripts), "an inline script escaped from the preview"
    assert "alert(" not in "".join(s.get("src") or "" for s in parser.scripts)
    voorbeeld = iframe["srcdoc"] or ""
    assert "Hallo" in voorbeeld
    binnen = _Iframes()
    binnen.feed(voorbeeld)
    assert binnen.scripts == [] and "onerror" not in voorbeeld
    assert "<script>alert" not in pagina and "<script>alert" not in html.unescape(pagina)
