"""CSV upload of starts and stops: a report per row; a file with an error applies nothing unless the
user ticks "alleen de geldige regels toepassen"; unreadable files get a clear Dutch message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as WebClient
from django.urls import reverse

from resultaat.toewijzingen.csv_upload import KOLOMMEN
from resultaat.toewijzingen.models import Levering, LeveringBron, Toewijzing
from tests import factories as f

D = dt.date
KOP = ";".join(KOLOMMEN)


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


def upload(web: WebClient, tekst: str | bytes, *, alleen_geldige: bool = False, naam: str = "starts.csv"):
    data = tekst.encode("utf-8") if isinstance(tekst, str) else tekst
    velden: dict[str, object] = {"bestand": SimpleUploadedFile(naam, data, content_type="text/csv")}
    if alleen_geldige:
        velden["alleen_geldige"] = "on"
    return web.post(reverse("web:portaal-csv"), velden)


@pytest.fixture
def twee(alkmaar, noord):
    """Two new toewijzingen of bob's organisation in Alkmaar (0361): 501 and 502."""
    return [
        f.ToewijzingFactory(
            client=f.ClientFactory(gemeente=alkmaar, achternaam=naam), aanbieder=noord, nummer=nummer
        )
        for nummer, naam in ((501, "Akkerman"), (502, "Bakker"))
    ]


def test_a_good_file_applies_every_row(bob, twee):
    a, b = twee
    tekst = (
        "\ufeff" + KOP + "\r\n"
        "501;0361;start;09-01-2017;;\r\n"
        "501;0361;tijdelijke_stop;05-03-2017;;ziekenhuisopname\r\n"
        "501;0361;hervatting;2017-04-03;;\r\n"
        "502;0361;start;2017-01-16;;\r\n"
        "502;0361;stop;30-06-2017;19;doel bereikt\r\n"
    )
    response = upload(als(bob), tekst)
    assert response.status_code == 200
    assert "5 regels toegepast" in response.text
    assert "Tijdelijke stop per 05-03-2017 gemeld." in response.text
    assert [(x.begindatum, x.einddatum, x.reden_beeindiging, x.toelichting) for x in a.leveringen.all()] == [
        (D(2017, 1, 9), D(2017, 3, 5), "20", "ziekenhuisopname"),
        (D(2017, 4, 3), None, "", ""),
    ]
    levering_b = b.leveringen.get()
    assert (levering_b.einddatum, levering_b.reden_beeindiging, levering_b.bron) == (
        D(2017, 6, 30),
        "19",
        LeveringBron.CSV,
    )


def test_commas_are_accepted_too(bob, twee):
    response = upload(als(bob), KOP.replace(";", ",") + "\n501,0361,start,09-01-2017,,\n")
    assert "1 regel toegepast" in response.text
    assert twee[0].leveringen.count() == 1


MIXED = (
    KOP + "\n"
    "501;0361;start;09-01-2017;;\n"
    "502;0361;stop;30-06-2017;19;\n"  # row 3: a stop without a start
    "502;0361;start;31-02-2017;;\n"  # row 4: no such date
)


def test_a_file_with_an_error_applies_nothing(bob, twee):
    response = upload(als(bob), MIXED)
    assert "Er is niets toegepast: 2 regels met een fout." in response.text
    assert "Er is geen lopende start voor deze toewijzing: een stop heeft een start nodig." in response.text
    assert "De datum &#x27;31-02-2017&#x27; is ongeldig" in response.text
    assert "In orde, maar niet toegepast: Start per 09-01-2017 gemeld." in response.text
    assert not Levering.objects.filter(toewijzing__in=twee).exists()


def test_with_the_option_only_the_valid_rows_apply(bob, twee):
    response = upload(als(bob), MIXED, alleen_geldige=True)
    assert "1 regel toegepast, 2 regels met een fout niet toegepast." in response.text
    assert twee[0].leveringen.get().begindatum == D(2017, 1, 9)
    assert not twee[1].leveringen.exists()


def test_another_providers_number_reads_as_an_unknown_number(bob, twee, zeger):
    zegers = Toewijzing.objects.get(client=zeger)
    zegers.nummer = 777
    zegers.save()
    response = upload(als(bob), KOP + "\n777;0361;stop;01-03-2017;19;\n888;0361;stop;01-03-2017;19;\n")
    assert "Toewijzing 777 van gemeente 0361 is niet bekend bij uw organisatie." in response.text
    assert "Toewijzing 888 van gemeente 0361 is niet bekend bij uw organisatie." in response.text
    assert "Zuidema" not in response.text
    assert zegers.leveringen.get().einddatum is None


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        (KOP.encode() + "\n501;0361;stop;01-03-2017;19;caf\xe9\n".encode("latin-1"), "geen UTF-8-tekst"),
        (b"toewijzing;datum\n501;09-01-2017\n", "De kopregel klopt niet."),
        (b"", "Het bestand is leeg."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "geen UTF-8-tekst"),
        (b"zomaar wat tekst\n", "Dit is geen CSV-bestand"),
        (KOP.encode() + b"\n", "geen regels met starts of stops"),
        (KOP.encode() + b"\n" + b"501;0361;start;09-01-2017;;\n" * 80_000, "groter dan 2 MB"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(bob, twee, inhoud, melding):
    response = upload(als(bob), inhoud)
    assert response.status_code == 200
    assert melding in response.text
    assert "Verslag" not in response.text
    assert not Levering.objects.filter(toewijzing__in=twee).exists()


def test_the_example_file_downloads_and_has_the_documented_header(bob):
    response = als(bob).get(reverse("web:portaal-csv-voorbeeld"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8").splitlines()[0] == KOP
    pagina = als(bob).get(reverse("web:portaal-csv")).text
    assert (
        reverse("web:portaal-csv-voorbeeld") in pagina
        and "alleen de geldige regels toepassen" in pagina.lower()
    )


def test_only_provider_staff_may_upload(alice):
    assert als(alice).get(reverse("web:portaal-csv")).status_code == 403
