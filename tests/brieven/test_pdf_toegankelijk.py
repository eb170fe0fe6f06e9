"""The PDFs of the app can be read aloud: a screen reader finds their structure (tags), the language to read
them in (Dutch) and a title, as PDF/UA asks. A letter the consulent downloads is checked as she gets it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from resultaat.brieven.render import pdf
from tests import factories as f

pytestmark = pytest.mark.django_db


def structuur(inhoud: bytes) -> tuple[dict[str, Any], list[str]]:
    """The catalogue of the PDF and the structure types of its tags, in document order."""
    reader = PdfReader(io.BytesIO(inhoud))
    catalogus = reader.trailer["/Root"]
    soorten: list[str] = []

    def loop(element: Any) -> None:
        element = element.get_object()
        if isinstance(element, list):
            for kind in element:
                loop(kind)
        elif isinstance(element, DictionaryObject):
            if "/S" in element:
                soorten.append(str(element["/S"]))
            if "/K" in element:
                loop(element["/K"])

    if "/StructTreeRoot" in catalogus:
        loop(catalogus["/StructTreeRoot"].get_object().get("/K", []))
    return catalogus, soorten


def assert_toegankelijk(inhoud: bytes, titel: str) -> list[str]:
    catalogus, soorten = structuur(inhoud)
    assert "/StructTreeRoot" in catalogus, "de PDF heeft geen tags"
    assert str(catalogus["/MarkInfo"]["/Marked"]).lower() == "true"
    assert str(catalogus["/Lang"]) == "nl-NL"
    assert str(catalogus["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"
    reader = PdfReader(io.BytesIO(inhoud))
    assert reader.metadata is not None and titel in (reader.metadata.title or "")
    return soorten


def test_a_beschikking_letter_is_tagged_in_dutch_with_its_subject_as_title(client, alice, noor):
    beschikking = f.toegangsketen(noor.toewijzingen.get(), beschikkingnummer="B-2016-001").beschikking
    client.force_login(alice)
    antwoord = client.get(reverse("web:beschikking-pdf", args=[beschikking.pk]))
    assert antwoord.status_code == 200
    inhoud = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content

    soorten = assert_toegankelijk(inhoud, "B-2016-001")
    # The reader gets the letter's parts as parts: paragraphs and at least one heading or table.
    assert "/P" in soorten
    assert {"/H1", "/H2", "/H3", "/Table"} & set(soorten), soorten
    # The text itself is still there for whoever copies or searches it.
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    assert "Noordermeer" in tekst


def test_every_pdf_of_the_app_is_tagged_and_dutch_even_without_a_title_or_language_in_its_html():
    inhoud = pdf("<html><body><h1>Betaalspecificatie</h1><p>Een regel.</p></body></html>")
    soorten = assert_toegankelijk(inhoud, "Resultaat")
    assert soorten[:1] == ["/Document"] or "/H1" in soorten


def test_a_letter_printed_with_the_layout_parsed_once_looks_like_the_letter_on_screen(noor):
    """The letter layout's stylesheet is parsed once per process and shared by every letter; each letter
    still gets the whole layout (A4, its footer with the gemeente, kenmerk and page count), and the letter
    shown on screen keeps the stylesheet in its own HTML."""
    from resultaat.brieven.render import _geparste_stijl
    from resultaat.toegang.brieven import beschikking_html

    beschikking = f.toegangsketen(noor.toewijzingen.get(), beschikkingnummer="B-2016-002").beschikking
    html = beschikking_html(beschikking)
    assert ".briefhoofd {" in html and "@bottom-right" in html  # on screen: the layout is in the page
    _geparste_stijl.cache_clear()
    for _ in range(2):
        reader = PdfReader(io.BytesIO(pdf(html)))
        eerste = reader.pages[0]
        assert (round(float(eerste.mediabox.width)), round(float(eerste.mediabox.height))) == (595, 842)
        tekst = eerste.extract_text()
        assert f"{beschikking.gemeente.naam} · Wmo B-2016-002" in tekst
        assert f"pagina 1 van {len(reader.pages)}" in tekst
    assert _geparste_stijl.cache_info().misses == 1
