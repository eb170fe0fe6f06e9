# ruff: noqa: F811  (the fixtures of test_elk_resultaat, imported by name)
"""Issue 14: the letter promised the ondersteuningsplan as part of the beschikking, but it was never sent.
Now the plan the client agreed to is printed behind the letter (the same PDF) and recorded as sent with
it; without a plan the letter says it will follow, and a plan agreed later is sent after it."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from resultaat.core import termijnen
from resultaat.ondersteuning.models import (
    AkkoordWijze,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlanStatus,
)
from resultaat.ondersteuning.services import leg_akkoord_vast
from resultaat.toegang import bekendmaking
from resultaat.toegang import services as t
from resultaat.toegang.brieven import beschikking_html, beschikking_pdf, nazending_pdf
from resultaat.toegang.models import ToegangInstelling
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests.toegang.test_elk_resultaat import (  # noqa: F401  (fixtures)
    begeleiding,
    gecontracteerd,
    meneer,
    niveaus,
    tekst,
)

D = dt.date
BIJ_DE_BRIEF = "U vindt het achter deze brief"
VOLGT = "Zodra u en de aanbieder het plan hebben afgesproken, sturen wij het u toe"


def pdf_tekst(inhoud: bytes) -> list[str]:
    """The text of each page of a PDF."""
    uit = subprocess.run(
        ["/usr/bin/pdftotext", "-layout", "-", "-"], input=inhoud, capture_output=True, check=True
    )
    return [" ".join(p.split()) for p in uit.stdout.decode().split("\f") if p.strip()]


@pytest.fixture
def besluit(alice, alkmaar, meneer, noord, niveaus, gecontracteerd):
    """A grant of begeleiding in a gemeente whose beschikking says the plan is part of it."""
    ToegangInstelling.objects.create(gemeente=alkmaar, ondersteuningsplan_in_beschikking=True)
    a, _ = begeleiding(alice, meneer, noord, niveaus, uren="3", ingang=D(2025, 2, 3))
    b = t.neem_besluit(door=alice, aanvraag=a, besluitdatum=D(2025, 1, 31), motivering="Post stapelt op.")
    assert b.ondersteuningsplan_onderdeel
    return b


AKKOORD_OP = D(2025, 2, 10)


def akkoord_plan(beschikking, op=AKKOORD_OP):
    toewijzing = Toewijzing.objects.get(beschikt_resultaat__beschikking=beschikking)
    return Ondersteuningsplan.objects.create(
        toewijzing=toewijzing,
        opgesteld_op=op,
        status=PlanStatus.AKKOORD,
        akkoord_op=op,
        toelichting="Wekelijks samen de post doornemen.",
    )


def test_without_a_plan_the_letter_does_not_say_it_is_attached_and_nothing_is_recorded(alice, besluit):
    brief = tekst(beschikking_html(besluit))
    assert VOLGT in brief and BIJ_DE_BRIEF not in brief
    bekendmaking.leg_verzending_vast(door=alice, beschikkingen=[besluit], op=D(2025, 2, 1))
    assert not besluit.bijlagen.exists()
    assert len(pdf_tekst(beschikking_pdf(besluit))) <= 2  # the letter alone


def test_an_agreed_plan_goes_behind_the_letter_in_the_same_pdf_and_is_recorded_as_sent(alice, besluit):
    plan = akkoord_plan(besluit)
    brief = tekst(beschikking_html(besluit))
    assert (
        f"{BIJ_DE_BRIEF}: het ondersteuningsplan van Thuiszorg Noord voor Administratie en geld, versie 1, "
        "afgesproken op 10 februari 2025." in brief
    )
    assert VOLGT not in brief
    paginas = pdf_tekst(beschikking_pdf(besluit))
    assert "Besluit over uw aanvraag" in paginas[0]
    assert any("Wekelijks samen de post doornemen." in p for p in paginas[1:])
    bekendmaking.leg_verzending_vast(door=alice, beschikkingen=[besluit], op=D(2025, 2, 11))
    bijlage = besluit.bijlagen.get()
    assert (bijlage.soort, bijlage.sleutel, bijlage.verzonden_op) == (
        "ondersteuningsplan",
        plan.pk,
        D(2025, 2, 11),
    )
    # The letter as sent keeps naming what went with it, also after a new version of the plan.
    plan.status = PlanStatus.VERVANGEN
    plan.save(update_fields=["status"])
    besluit.refresh_from_db()
    assert BIJ_DE_BRIEF in tekst(beschikking_html(besluit))
    assert bekendmaking.nog_te_sturen(besluit) == []


def test_a_plan_agreed_after_the_letter_is_sent_after_it_with_a_short_letter(alice, besluit, client):
    bekendmaking.leg_verzending_vast(door=alice, beschikkingen=[besluit], op=D(2025, 2, 1))
    with pytest.raises(ValidationError, match="niets om na te sturen"):
        bekendmaking.stuur_bijlagen_na(door=alice, beschikking=besluit, op=D(2025, 2, 12))
    akkoord_plan(besluit)
    assert bekendmaking.nog_te_sturen(besluit) == [
        "het ondersteuningsplan van Thuiszorg Noord voor Administratie en geld, versie 1, afgesproken op "
        "10 februari 2025"
    ]
    client.force_login(alice)
    url = reverse("web:beschikking-detail", args=[besluit.pk])
    assert "Nog naar de cliënt sturen" in client.get(url).content.decode()
    r = client.post(url, {"actie": "nasturen", "op": "2025-02-12"}, follow=True)
    assert "Nagestuurd op 12-02-2025: 1 bijlage(n)." in r.content.decode()
    bijlage = besluit.bijlagen.get()
    assert bijlage.verzonden_op == D(2025, 2, 12) and bekendmaking.nog_te_sturen(besluit) == []
    paginas = pdf_tekst(nazending_pdf(bijlage))
    assert "Bij deze brief krijgt u het plan" in paginas[0] and "Wmo 2025-0001" in paginas[0]
    assert any("Wekelijks samen de post doornemen." in p for p in paginas[1:])
    pdf = client.get(reverse("web:beschikking-bijlage-pdf", args=[bijlage.pk]))
    assert pdf["Content-Type"] == "application/pdf"


def test_sending_the_letter_on_the_page_records_the_plan_with_it(alice, besluit, client):
    akkoord_plan(besluit)
    client.force_login(alice)
    url = reverse("web:beschikking-detail", args=[besluit.pk])
    r = client.post(url, {"actie": "verzenden", "op": "2025-02-11"}, follow=True)
    html = r.content.decode()
    assert "De brief is verzonden op 11-02-2025, met 1 bijlage(n)." in html
    assert "verzonden op 11-02-2025 met de brief" in html
    besluit.refresh_from_db()
    assert besluit.verzonden_op == D(2025, 2, 11)


def test_a_plan_agreed_after_the_letter_goes_on_the_worklist_until_it_is_sent(alice, bob, besluit, client):
    bekendmaking.leg_verzending_vast(door=alice, beschikkingen=[besluit], op=D(2025, 2, 1))
    toewijzing = Toewijzing.objects.get(beschikt_resultaat__beschikking=besluit)
    plan = Ondersteuningsplan.objects.create(
        toewijzing=toewijzing,
        opgesteld_op=D(2025, 2, 5),
        evaluatiedatum=timezone.localdate() + dt.timedelta(days=90),
    )
    doel = PlanDoel.objects.create(plan=plan, doel="De post is op tijd betaald")
    PlanActiviteit.objects.create(doel=doel, wat="Samen de post doornemen", hoe_vaak="wekelijks")
    vandaag = timezone.localdate()
    leg_akkoord_vast(door=bob, plan=plan, akkoord_op=vandaag, akkoord_wijze=AkkoordWijze.DIGITAAL)
    item = WerklijstItem.objects.over(besluit).get()
    assert item.soort == WerklijstSoort.PLAN and item.uiterlijk == termijnen.PLAN_NASTUREN.uiterlijk(vandaag)
    assert f"het hoort bij besluit Wmo {besluit.nummer}" in item.omschrijving
    client.force_login(alice)
    werklijst = client.get(reverse("web:werklijst")).content.decode()
    assert reverse("web:beschikking-detail", args=[besluit.pk]) in werklijst
    bekendmaking.stuur_bijlagen_na(door=alice, beschikking=besluit, op=vandaag)
    assert not WerklijstItem.objects.over(besluit).exists()


def test_the_api_records_the_sending_with_the_plan_and_a_plan_sent_later(alice, besluit):
    api = APIClient()
    api.force_authenticate(alice)
    r = api.post(f"/api/v1/beschikkingen/{besluit.pk}/verzending/", {"op": "2025-02-01"}, format="json")
    assert r.status_code == 201 and r.json() == []  # no agreed plan yet: nothing went with the letter
    fout = api.post(f"/api/v1/beschikkingen/{besluit.pk}/nazending/", {"op": "2025-02-12"}, format="json")
    assert fout.status_code == 400 and "niets om na te sturen" in str(fout.json())
    plan = akkoord_plan(besluit)
    r = api.post(f"/api/v1/beschikkingen/{besluit.pk}/nazending/", {"op": "2025-02-12"}, format="json")
    assert r.status_code == 201
    assert [(b["sleutel"], b["verzonden_op"]) for b in r.json()] == [(plan.pk, "2025-02-12")]
