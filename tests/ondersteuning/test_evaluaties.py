"""Evaluation per subresult by consulent and provider (service, API, page) and the worklist items that
keep it on time: re-indication before the end date, overdue evaluations."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client as WebClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from resultaat.catalogus.models import Subresultaat
from resultaat.ondersteuning import evaluaties
from resultaat.ondersteuning.evaluaties import OordeelInvoer
from resultaat.ondersteuning.models import Evaluatie, Ondersteuningsplan, PlanStatus
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort, WerklijstStatus
from tests import factories as f


def als(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


@pytest.fixture
def toewijzing(noor) -> Toewijzing:
    return Toewijzing.objects.select_related("client", "product").get(client=noor)


@pytest.fixture
def subs(toewijzing) -> list[Subresultaat]:
    return [
        Subresultaat.objects.create(
            resultaat=toewijzing.product.resultaat,
            code=f"evaluatie-test-{i}",
            omschrijving=tekst,
            volgorde=i,
            geldig_van=dt.date(2015, 1, 1),
        )
        for i, tekst in enumerate(["De woning is schoon", "De was is gedaan"], start=1)
    ]


GISTEREN = timezone.localdate() - dt.timedelta(days=1)


def test_consulent_and_provider_each_evaluate_per_subresult(alice, bob, toewijzing, subs):
    door_bob = evaluaties.evalueer(
        door=bob,
        toewijzing=toewijzing,
        datum=GISTEREN,
        moment="tussentijds",
        oordelen=(
            OordeelInvoer(subs[0], "ja"),
            OordeelInvoer(subs[1], "nee", "Wasmachine stuk sinds maart."),
        ),
        clientvisie="Mevrouw is blij met de hulp, de was blijft liggen.",
    )
    assert door_bob.rol == "aanbieder" and door_bob.resultaat_behaald == "deels"
    assert [(o.subresultaat_id, o.behaald) for o in door_bob.oordelen.all()] == [
        (subs[0].pk, "ja"),
        (subs[1].pk, "nee"),
    ]
    door_alice = evaluaties.evalueer(
        door=alice,
        toewijzing=toewijzing,
        datum=GISTEREN,
        moment="einde",
        oordelen=(OordeelInvoer(subs[0], "ja"), OordeelInvoer(subs[1], "ja")),
        client_tevreden=4,
    )
    assert door_alice.rol == "consulent" and door_alice.resultaat_behaald == "ja"


def test_bad_evaluations_are_refused_with_a_dutch_message_and_nothing_saved(
    bob, charlie, erik, toewijzing, subs
):
    vreemd = Subresultaat.objects.create(
        resultaat=subs[0].resultaat.__class__.objects.exclude(pk=subs[0].resultaat_id).first()
        or subs[0].resultaat,
        code="vreemd-sub",
        omschrijving="Ander resultaat",
        geldig_van=dt.date(2015, 1, 1),
    )
    gevallen = [
        ({"oordelen": ()}, "ten minste één subresultaat"),
        ({"oordelen": (OordeelInvoer(subs[0], "deels"),)}, "licht toe"),
        ({"oordelen": (OordeelInvoer(subs[0], "ja"), OordeelInvoer(subs[0], "ja"))}, "al beoordeeld"),
        ({"datum": timezone.localdate() + dt.timedelta(days=3)}, "in de toekomst"),
        ({"datum": dt.date(2016, 12, 1)}, "voor de ingangsdatum"),
        ({"client_tevreden": 9}, "1 tot en met 5"),
    ]
    if vreemd.resultaat_id != subs[0].resultaat_id:
        gevallen.append(({"oordelen": (OordeelInvoer(vreemd, "ja"),)}, "hoort niet bij het resultaat"))
    for extra, melding in gevallen:
        invoer = {
            "door": bob,
            "toewijzing": toewijzing,
            "datum": GISTEREN,
            "moment": "tussentijds",
            "oordelen": (OordeelInvoer(subs[0], "ja"),),
        } | extra
        with pytest.raises(ValidationError, match=melding):
            evaluaties.evalueer(**invoer)
    for ander in (charlie, erik):
        with pytest.raises(PermissionDenied):
            evaluaties.evalueer(
                door=ander,
                toewijzing=toewijzing,
                datum=GISTEREN,
                moment="tussentijds",
                oordelen=(OordeelInvoer(subs[0], "ja"),),
            )
    assert not Evaluatie.objects.exists()


def test_provider_records_an_evaluation_through_the_api_and_another_provider_cannot(
    bob, charlie, toewijzing, subs
):
    body = {
        "toewijzing": toewijzing.pk,
        "datum": GISTEREN.isoformat(),
        "moment": "tussentijds",
        "oordelen": [
            {"subresultaat": subs[0].pk, "behaald": "ja"},
            {"subresultaat": subs[1].pk, "behaald": "deels", "toelichting": "Gaat beter."},
        ],
        "clientvisie": "Tevreden.",
        "client_tevreden": 4,
    }
    url = reverse("api:evaluatie-list")
    antwoord = als(bob).post(url, json.dumps(body), content_type="application/json")
    assert antwoord.status_code == 201, antwoord.content
    data = antwoord.json()
    assert data["resultaat_behaald"] == "deels" and data["rol"] == "aanbieder"
    assert [o["behaald"] for o in data["oordelen"]] == ["ja", "deels"]
    fout = als(bob).post(
        url,
        json.dumps(body | {"oordelen": [{"subresultaat": subs[0].pk, "behaald": "nee"}]}),
        content_type="application/json",
    )
    assert fout.status_code == 400 and "licht toe" in fout.text
    vreemd = als(charlie).post(url, json.dumps(body), content_type="application/json")
    assert vreemd.status_code == 400 and "Geen toewijzing" in vreemd.text
    assert Evaluatie.objects.count() == 1
    assert als(charlie).get(url).json()["count"] == 0


def test_consulent_evaluates_on_the_page(alice, toewijzing, subs):
    web = als(alice)
    url = reverse("web:evaluatie-nieuw", args=[toewijzing.pk])
    pagina = web.get(url)
    assert pagina.status_code == 200 and "De woning is schoon" in pagina.text
    fout = web.post(
        url,
        {"datum": GISTEREN.isoformat(), "moment": "tussentijds", f"behaald_{subs[0].pk}": "nee"},
    )
    assert fout.status_code == 200 and "licht toe" in fout.text
    assert not Evaluatie.objects.exists()
    klaar = web.post(
        url,
        {
            "datum": GISTEREN.isoformat(),
            "moment": "einde",
            f"behaald_{subs[0].pk}": "ja",
            f"behaald_{subs[1].pk}": "deels",
            f"toelichting_{subs[1].pk}": "Hulp bij de was loopt nog.",
            "clientvisie": "Mevrouw vindt het goed zo.",
        },
        follow=True,
    )
    assert klaar.status_code == 200 and "De evaluatie is vastgelegd" in klaar.text
    evaluatie = Evaluatie.objects.get()
    assert evaluatie.moment == "einde" and evaluatie.oordelen.count() == 2
    assert "deels behaald" in web.get(reverse("web:toewijzing-detail", args=[toewijzing.pk])).text


def _plan(toewijzing, evaluatiedatum) -> Ondersteuningsplan:
    return Ondersteuningsplan.objects.create(
        toewijzing=toewijzing,
        status=PlanStatus.AKKOORD,
        opgesteld_op=dt.date(2017, 1, 10),
        akkoord_op=dt.date(2017, 1, 12),
        evaluatiedatum=evaluatiedatum,
    )


def test_worklist_gets_a_reindication_weeks_before_the_end_once(toewijzing, settings):
    settings.HERINDICATIE_WEKEN_VOOR_EINDE = 6
    vandaag = dt.date(2024, 3, 1)
    Toewijzing.objects.filter(pk=toewijzing.pk).update(einddatum=dt.date(2024, 4, 30))
    assert evaluaties.signaleer(vandaag=vandaag)["herindicatie"] == 0
    Toewijzing.objects.filter(pk=toewijzing.pk).update(einddatum=dt.date(2024, 4, 10))
    assert evaluaties.signaleer(vandaag=vandaag)["herindicatie"] == 1
    item = WerklijstItem.objects.get(soort=WerklijstSoort.HERINDICATIE)
    assert item.uiterlijk == dt.date(2024, 4, 10) and "10-04-2024" in item.omschrijving
    item.status = WerklijstStatus.AFGEHANDELD
    item.save()
    assert evaluaties.signaleer(vandaag=vandaag)["herindicatie"] == 0


def test_overdue_evaluation_lands_on_the_worklist_and_the_evaluation_closes_it(alice, toewijzing, subs):
    vandaag = timezone.localdate()
    _plan(toewijzing, dt.date(2017, 7, 1))
    call_command("evaluaties_signaleren")
    item = WerklijstItem.objects.get(soort=WerklijstSoort.EVALUATIE, omschrijving__startswith="Evaluatie")
    assert item.status == WerklijstStatus.OPEN and item.is_te_laat(vandaag)
    assert "Evaluatie te laat" in item.omschrijving
    assert evaluaties.signaleer()["evaluatie"] == 0  # still open: not twice
    evaluaties.evalueer(
        door=alice,
        toewijzing=toewijzing,
        datum=GISTEREN,
        moment="tussentijds",
        oordelen=(OordeelInvoer(subs[0], "ja"),),
    )
    item.refresh_from_db()
    assert item.status == WerklijstStatus.AFGEHANDELD
    assert evaluaties.signaleer()["evaluatie"] == 0


def test_ended_toewijzing_without_end_evaluation_is_on_the_worklist(toewijzing):
    vandaag = timezone.localdate()
    Toewijzing.objects.filter(pk=toewijzing.pk).update(einddatum=vandaag - dt.timedelta(days=10))
    assert evaluaties.signaleer()["evaluatie"] == 1
    assert "Eindevaluatie ontbreekt" in WerklijstItem.objects.get(soort=WerklijstSoort.EVALUATIE).omschrijving


def test_an_auditor_does_not_evaluate(dora, toewijzing, subs):
    with pytest.raises(PermissionDenied):
        evaluaties.evalueer(
            door=dora,
            toewijzing=toewijzing,
            datum=GISTEREN,
            moment="tussentijds",
            oordelen=(OordeelInvoer(subs[0], "ja"),),
        )
    pagina = als(dora).get(reverse("web:evaluatie-nieuw", args=[toewijzing.pk]))
    assert pagina.status_code in (403, 404)
    assert not Evaluatie.objects.exists()


def test_regiegesprek_is_scheduled_from_the_plans_regiefrequentie(bob, toewijzing):
    plan = _plan(toewijzing, None)
    plan.regiefrequentie = "kwartaal"
    plan.save()
    assert evaluaties.volgend_regiegesprek(toewijzing) == dt.date(2017, 4, 12)
    evaluaties.leg_regiegesprek_vast(
        door=bob,
        toewijzing=toewijzing,
        datum=dt.date(2017, 5, 31),
        deelnemers="cliënt, dochter",
        uitkomst="Wil zelf weer boodschappen doen.",
    )
    assert evaluaties.volgend_regiegesprek(toewijzing) == dt.date(2017, 8, 31)
    assert evaluaties.plus_maanden(dt.date(2017, 11, 30), 3) == dt.date(2018, 2, 28)


def test_overdue_regiegesprek_is_on_the_worklist_until_one_is_recorded(alice, bob, toewijzing):
    _plan(toewijzing, None)
    assert evaluaties.signaleer()["regiegesprek"] == 1
    item = WerklijstItem.objects.get(omschrijving__startswith="Regiegesprek te laat")
    assert item.uiterlijk == dt.date(2017, 7, 12) and "12-07-2017" in item.omschrijving
    assert evaluaties.signaleer()["regiegesprek"] == 0  # still open: not twice
    evaluaties.leg_regiegesprek_vast(
        door=bob, toewijzing=toewijzing, datum=GISTEREN, deelnemers="cliënt", uitkomst="Gaat goed."
    )
    item.refresh_from_db()
    assert item.status == WerklijstStatus.AFGEHANDELD
    assert evaluaties.signaleer()["regiegesprek"] == 0


def test_regiegesprek_on_the_page_and_through_the_api(alice, bob, charlie, toewijzing):
    web = als(bob)
    url = reverse("web:regiegesprek-nieuw", args=[toewijzing.pk])
    assert "nog geen ondersteuningsplan" in web.get(url).text
    fout = web.post(url, {"datum": GISTEREN.isoformat(), "deelnemers": "", "uitkomst": ""})
    assert "Vul in wie er bij het gesprek waren." in fout.text
    assert "Beschrijf wat er uit het gesprek kwam." in fout.text
    klaar = web.post(
        url,
        {"datum": GISTEREN.isoformat(), "deelnemers": "cliënt en buurman", "uitkomst": "Koffieochtend."},
        follow=True,
    )
    assert "Het regiegesprek is vastgelegd." in klaar.text and "cliënt en buurman" in klaar.text
    api = reverse("api:regiegesprek-list")
    body = {"toewijzing": toewijzing.pk, "datum": "2099-01-01", "deelnemers": "cliënt", "uitkomst": "x"}
    toekomst = als(alice).post(api, json.dumps(body), content_type="application/json")
    assert toekomst.status_code == 400 and "in de toekomst" in toekomst.text
    body["datum"] = GISTEREN.isoformat()
    assert als(alice).post(api, json.dumps(body), content_type="application/json").status_code == 201
    assert als(charlie).post(api, json.dumps(body), content_type="application/json").status_code == 400
    assert als(bob).get(api).json()["count"] == 2 and als(charlie).get(api).json()["count"] == 0


def test_the_daily_run_reads_a_fixed_number_of_queries_however_many_plans(alkmaar, noord, toewijzing):
    def meet() -> int:
        WerklijstItem.objects.all().delete()
        with CaptureQueriesContext(connection) as q:
            evaluaties.signaleer()
        # Reads of the data; the audit trail writes one row per item and the content types are cached.
        return sum(
            1
            for x in q.captured_queries
            if x["sql"].startswith("SELECT")
            and "audit_" not in x["sql"]
            and "django_content_type" not in x["sql"]
        )

    _plan(toewijzing, dt.date(2017, 7, 1))
    een = meet()
    for _ in range(3):
        t = f.ToewijzingFactory(client=f.ClientFactory(gemeente=alkmaar), aanbieder=noord)
        _plan(t, dt.date(2017, 7, 1))
    assert meet() == een
    assert WerklijstItem.objects.count() == 8  # per toewijzing: evaluation and regiegesprek overdue
