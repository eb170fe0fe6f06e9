"""The ondersteuningsplan: bob (Thuiszorg Noord) writes noor's plan with her, records her agreement, changes
it (a new version), prints it; the gemeente reads it; the sociale kaart is kept per gemeente."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client as WebClient
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from resultaat.accounts.models import Rol
from resultaat.catalogus.models import Subresultaat
from resultaat.core.audit.models import AuditEvent
from resultaat.ondersteuning import services
from resultaat.ondersteuning.models import (
    Ondersteuningsplan,
    PlanStatus,
    PlusSoort,
    SocialeKaartVoorziening,
)
from resultaat.toegang.models import Aanvraag, Beschikking, BeschiktResultaat, Besluit
from resultaat.toewijzingen.models import Toewijzing
from tests import factories as f

pytestmark = pytest.mark.django_db

DOEL = "Noor houdt zelf de keuken en de badkamer schoon"


def vandaag() -> dt.date:
    return timezone.localdate()


def web(user) -> WebClient:
    http = WebClient()
    http.force_login(user)
    return http


@pytest.fixture
def toewijzing(noor) -> Toewijzing:
    return Toewijzing.objects.get(client=noor)


@pytest.fixture
def subresultaat(toewijzing) -> Subresultaat:
    return Subresultaat.objects.create(
        resultaat=toewijzing.product.resultaat,
        code="schoon-huis-test",
        omschrijving="De woning is schoon en leefbaar",
        geldig_van=dt.date(2015, 1, 1),
    )


@pytest.fixture
def buurthuis(alkmaar) -> SocialeKaartVoorziening:
    return SocialeKaartVoorziening.objects.create(
        gemeente=alkmaar, naam="Buurthuis De Brug", soort="buurthuis", contact="072 123 45 67"
    )


def plan_post(
    *,
    doel: str = DOEL,
    subresultaat: Subresultaat | None = None,
    wat: str = "Samen de badkamer schoonmaken",
    hoe_vaak: str = "elke week",
    door: str = "aanbieder",
    plus_soort: str = PlusSoort.VERBINDING,
    plus: str = "Noor gaat op dinsdag naar de koffieochtend",
    voorziening: SocialeKaartVoorziening | None = None,
    evaluatiedatum: dt.date | None = None,
) -> dict[str, str]:
    evaluatiedatum = evaluatiedatum or vandaag() + dt.timedelta(days=180)
    return {
        "doelen-aantal": "1",
        "doel-0-activiteiten-aantal": "1",
        "plus-aantal": "1",
        "doel-0-subresultaat": str(subresultaat.pk) if subresultaat else "",
        "doel-0-doel": doel,
        "doel-0-activiteit-0-wat": wat,
        "doel-0-activiteit-0-hoe_vaak": hoe_vaak,
        "doel-0-activiteit-0-door": door,
        "plus-0-soort": plus_soort,
        "plus-0-omschrijving": plus,
        "plus-0-voorziening": str(voorziening.pk) if voorziening else "",
        "regiefrequentie": "kwartaal",
        "evaluatiedatum": evaluatiedatum.isoformat(),
        "toelichting": "",
    }


def akkoord_post(datum: dt.date | None = None, wijze: str = "handtekening") -> dict[str, str]:
    return {"akkoord_op": (datum or vandaag() - dt.timedelta(days=3)).isoformat(), "akkoord_wijze": wijze}


def schrijf_en_akkoord(bob, toewijzing, subresultaat, buurthuis, doel: str = DOEL) -> Ondersteuningsplan:
    plan = services.maak_plan(
        door=bob,
        toewijzing=toewijzing,
        invoer=services.PlanInvoer(
            evaluatiedatum=vandaag() + dt.timedelta(days=180),
            doelen=(
                services.DoelInvoer(
                    doel=doel,
                    subresultaat=subresultaat,
                    activiteiten=(services.ActiviteitInvoer(wat="Stofzuigen", hoe_vaak="elke week"),),
                ),
            ),
            plus=(
                services.PlusInvoer(
                    soort=PlusSoort.VERBINDING, omschrijving="Koffieochtend", voorziening=buurthuis
                ),
            ),
        ),
    )
    return services.leg_akkoord_vast(
        door=bob, plan=plan, akkoord_op=vandaag() - dt.timedelta(days=3), akkoord_wijze="mondeling"
    )


# --- The provider writes the plan, the client agrees, a change is a new version --------------------------


def test_bob_writes_noors_plan_records_her_agreement_and_a_change_becomes_a_new_version(
    bob, toewijzing, subresultaat, buurthuis
):
    http = web(bob)
    nieuw = http.get(reverse("web:plan-nieuw", args=[toewijzing.pk]))
    assert nieuw.status_code == 200
    body = nieuw.content.decode()
    assert "Nieuw ondersteuningsplan" in body
    assert "De woning is schoon en leefbaar" in body  # the subresult to set a goal for
    assert "Buurthuis De Brug" in body  # the sociale kaart of noor's gemeente

    response = http.post(
        reverse("web:plan-nieuw", args=[toewijzing.pk]),
        plan_post(subresultaat=subresultaat, voorziening=buurthuis),
    )
    plan = Ondersteuningsplan.objects.get(toewijzing=toewijzing)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:plan-detail", args=[plan.pk])
    assert (plan.versie, plan.status, plan.opgesteld_door) == (1, PlanStatus.CONCEPT, bob)
    doel = plan.doelen.get()
    assert (doel.doel, doel.subresultaat) == (DOEL, subresultaat)
    activiteit = doel.activiteiten.get()
    assert (activiteit.wat, activiteit.hoe_vaak, activiteit.door) == (
        "Samen de badkamer schoonmaken",
        "elke week",
        "aanbieder",
    )
    plus = plan.plus_afspraken.get()
    assert (plus.soort, plus.voorziening) == (PlusSoort.VERBINDING, buurthuis)

    detail = http.get(reverse("web:plan-detail", args=[plan.pk])).content.decode()
    assert DOEL in detail and "Akkoord cliënt vastleggen" in detail

    akkoord_op = vandaag() - dt.timedelta(days=3)
    response = http.post(reverse("web:plan-akkoord", args=[plan.pk]), akkoord_post(akkoord_op))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.akkoord_op, plan.akkoord_wijze) == (
        PlanStatus.AKKOORD,
        akkoord_op,
        "handtekening",
    )

    # A change after agreement: the form starts from version 1, saving makes version 2.
    opnieuw = http.get(reverse("web:plan-nieuw", args=[toewijzing.pk])).content.decode()
    assert DOEL in opnieuw and "Dit wordt versie 2" in opnieuw
    http.post(
        reverse("web:plan-nieuw", args=[toewijzing.pk]),
        plan_post(doel="Noor maakt zelf de keuken schoon", subresultaat=subresultaat, voorziening=buurthuis),
    )
    v2 = Ondersteuningsplan.objects.get(toewijzing=toewijzing, versie=2)
    assert v2.status == PlanStatus.CONCEPT
    assert v2.doelen.get().doel == "Noor maakt zelf de keuken schoon"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AKKOORD  # still the plan in force until the client agrees to v2
    assert plan.doelen.get().doel == DOEL

    http.post(reverse("web:plan-akkoord", args=[v2.pk]), akkoord_post(vandaag()))
    plan.refresh_from_db()
    v2.refresh_from_db()
    assert (plan.status, v2.status) == (PlanStatus.VERVANGEN, PlanStatus.AKKOORD)
    historie = http.get(reverse("web:plan-detail", args=[v2.pk])).content.decode()
    assert "Versie 1" in historie and "Vervangen" in historie
    # Every write is in the audit trail, attributed to bob.
    soorten = set(
        AuditEvent.objects.filter(client_id=toewijzing.client_id, actor=bob).values_list(
            "content_type__model", flat=True
        )
    )
    assert {"ondersteuningsplan", "plandoel", "planactiviteit", "plusafspraak"} <= soorten


def test_an_agreed_version_is_never_changed(bob, toewijzing, subresultaat, buurthuis):
    plan = schrijf_en_akkoord(bob, toewijzing, subresultaat, buurthuis)
    with pytest.raises(ValidationError, match="akkoord van de cliënt en kan niet meer worden gewijzigd"):
        services.wijzig_plan(door=bob, plan=plan, invoer=services.invoer_van(plan))

    http = web(bob)
    pagina = http.get(reverse("web:plan-wijzigen", args=[plan.pk])).content.decode()
    assert "kan niet meer worden gewijzigd" in pagina and "Opslaan" not in pagina
    response = http.post(
        reverse("web:plan-wijzigen", args=[plan.pk]), plan_post(doel="Iets anders"), follow=True
    )
    assert "kan niet meer worden gewijzigd" in response.content.decode()
    assert plan.doelen.get().doel == DOEL
    with pytest.raises(ValidationError, match="heeft al het akkoord"):
        services.leg_akkoord_vast(door=bob, plan=plan, akkoord_op=vandaag(), akkoord_wijze="digitaal")


def test_a_concept_is_changed_in_place(bob, toewijzing, subresultaat, buurthuis):
    http = web(bob)
    http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), plan_post(voorziening=buurthuis))
    plan = Ondersteuningsplan.objects.get(toewijzing=toewijzing)
    http.post(
        reverse("web:plan-wijzigen", args=[plan.pk]), plan_post(doel="Nieuw doel", voorziening=buurthuis)
    )
    plan.refresh_from_db()
    assert Ondersteuningsplan.objects.filter(toewijzing=toewijzing).count() == 1
    assert [d.doel for d in plan.doelen.all()] == ["Nieuw doel"]
    # A second concept next to it is refused.
    response = http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), plan_post(voorziening=buurthuis))
    assert "Er is al een concept" in response.content.decode()
    assert Ondersteuningsplan.objects.filter(toewijzing=toewijzing).count() == 1


def test_agreement_dates_are_checked_and_nothing_is_saved(bob, toewijzing, subresultaat, buurthuis):
    http = web(bob)
    http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), plan_post(voorziening=buurthuis))
    plan = Ondersteuningsplan.objects.get(toewijzing=toewijzing)
    url = reverse("web:plan-akkoord", args=[plan.pk])

    morgen = http.post(url, akkoord_post(vandaag() + dt.timedelta(days=1)))
    assert "ligt in de toekomst" in morgen.content.decode()
    voor_toewijzing = http.post(url, akkoord_post(toewijzing.toewijzingsdatum - dt.timedelta(days=1)))
    assert "vóór de toewijzing" in voor_toewijzing.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.akkoord_op) == (PlanStatus.CONCEPT, None)

    # The evaluation lies after the agreement.
    plan.evaluatiedatum = vandaag() - dt.timedelta(days=10)
    plan.save(update_fields=["evaluatiedatum"])
    te_vroeg = http.post(url, akkoord_post(vandaag() - dt.timedelta(days=3)))
    assert "moet na de datum van het akkoord liggen" in te_vroeg.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONCEPT


def test_a_plan_without_an_activity_gets_no_agreement(bob, toewijzing):
    plan = services.maak_plan(
        door=bob,
        toewijzing=toewijzing,
        invoer=services.PlanInvoer(
            evaluatiedatum=vandaag() + dt.timedelta(days=90), doelen=(services.DoelInvoer(doel=DOEL),)
        ),
    )
    with pytest.raises(ValidationError, match="Doel 1 heeft nog geen activiteit"):
        services.leg_akkoord_vast(door=bob, plan=plan, akkoord_op=vandaag(), akkoord_wijze="digitaal")


def test_the_form_points_at_a_half_filled_row(bob, toewijzing):
    http = web(bob)
    data = plan_post(hoe_vaak="", plus_soort="", plus="")
    response = http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), data)
    assert response.status_code == 200
    assert "Vul in hoe vaak" in response.content.decode()
    assert not Ondersteuningsplan.objects.filter(toewijzing=toewijzing).exists()


def test_more_rows_keeps_what_was_typed(bob, toewijzing):
    http = web(bob)
    data = {**plan_post(plus_soort="", plus=""), "meer_regels": "1"}
    response = http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), data)
    body = response.content.decode()
    assert DOEL in body and 'name="doel-1-doel"' in body and 'name="doel-0-activiteit-1-wat"' in body
    assert not Ondersteuningsplan.objects.exists()


# --- The printable plan -----------------------------------------------------------------------------


def test_the_pdf_is_a_pdf_with_the_goal_in_plain_dutch(bob, toewijzing, subresultaat, buurthuis):
    plan = schrijf_en_akkoord(bob, toewijzing, subresultaat, buurthuis)
    response = web(bob).get(reverse("web:plan-pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    tekst = " ".join(tekst.split())
    assert DOEL in tekst
    assert "Wat wilt u bereiken?" in tekst
    assert "Buurthuis De Brug" in tekst
    assert "laten weten dat u het eens bent met dit plan" in tekst


# --- The gemeente reads; other providers see nothing ------------------------------------------------


def test_alice_reads_every_version_but_writes_nothing(alice, bob, toewijzing, subresultaat, buurthuis, noor):
    plan = schrijf_en_akkoord(bob, toewijzing, subresultaat, buurthuis)
    http = web(alice)
    detail = http.get(reverse("web:plan-detail", args=[plan.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert DOEL in body and "Akkoord cliënt vastleggen" not in body and "nieuwe versie" not in body
    assert http.get(reverse("web:plan-pdf", args=[plan.pk])).status_code == 200
    assert http.post(reverse("web:plan-wijzigen", args=[plan.pk]), plan_post()).status_code == 403
    assert http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), plan_post()).status_code == 403
    with pytest.raises(PermissionDenied):
        services.maak_plan(door=alice, toewijzing=toewijzing, invoer=services.invoer_van(plan))
    # The toewijzing page and the client's timeline link to the plan.
    plan_url = reverse("web:plan-detail", args=[plan.pk])
    assert plan_url in http.get(reverse("web:toewijzing-detail", args=[toewijzing.pk])).content.decode()
    assert plan_url in http.get(reverse("web:client-detail", args=[noor.pk])).content.decode()


def test_bob_gets_404_on_charlies_plan_and_pdf(bob, charlie, zeger):
    toewijzing = Toewijzing.objects.get(client=zeger)
    plan = services.maak_plan(
        door=charlie,
        toewijzing=toewijzing,
        invoer=services.PlanInvoer(doelen=(services.DoelInvoer(doel="Zeger kookt zelf"),)),
    )
    http = web(bob)
    for naam in ("plan-detail", "plan-pdf", "plan-wijzigen", "plan-akkoord"):
        assert http.get(reverse(f"web:{naam}", args=[plan.pk])).status_code == 404, naam
    assert http.post(reverse("web:plan-akkoord", args=[plan.pk]), akkoord_post()).status_code == 404
    assert http.get(reverse("web:plan-nieuw", args=[toewijzing.pk])).status_code == 404
    assert http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), plan_post()).status_code == 404
    with pytest.raises(PermissionDenied):
        services.wijzig_plan(door=bob, plan=plan, invoer=services.PlanInvoer())


def test_a_voorziening_of_another_gemeente_is_refused(bob, toewijzing, heiloo):
    elders = SocialeKaartVoorziening.objects.create(gemeente=heiloo, naam="Dorpshuis Heiloo")
    http = web(bob)
    assert (
        "Dorpshuis Heiloo" not in http.get(reverse("web:plan-nieuw", args=[toewijzing.pk])).content.decode()
    )
    response = http.post(reverse("web:plan-nieuw", args=[toewijzing.pk]), plan_post(voorziening=elders))
    assert response.status_code == 200
    assert not Ondersteuningsplan.objects.filter(toewijzing=toewijzing).exists()
    with pytest.raises(ValidationError, match="staat niet op de sociale kaart van de gemeente van de cliënt"):
        services.maak_plan(
            door=bob,
            toewijzing=toewijzing,
            invoer=services.PlanInvoer(
                plus=(services.PlusInvoer(soort=PlusSoort.VERBINDING, omschrijving="x", voorziening=elders),)
            ),
        )
    with pytest.raises(ValidationError, match="kies bij een verbinding de voorziening"):
        services.maak_plan(
            door=bob,
            toewijzing=toewijzing,
            invoer=services.PlanInvoer(
                plus=(services.PlusInvoer(soort=PlusSoort.VERBINDING, omschrijving="x"),)
            ),
        )


# --- The plan as part of the beschikking ------------------------------------------------------------


def test_plan_that_belongs_to_the_beschikking_is_shown_to_provider_and_consulent(
    alice, bob, noor, toewijzing, subresultaat, buurthuis
):
    aanvraag = Aanvraag.objects.create(client=noor, gemeente=noor.gemeente, ontvangen_op=dt.date(2016, 12, 1))
    beschikking = Beschikking.objects.create(
        aanvraag=aanvraag,
        client=noor,
        gemeente=noor.gemeente,
        nummer="B-1",
        besluit=Besluit.TOEGEKEND,
        besluitdatum=dt.date(2016, 12, 10),
        ondersteuningsplan_onderdeel=True,
    )
    toewijzing.beschikt_resultaat = BeschiktResultaat.objects.create(
        beschikking=beschikking,
        resultaat=toewijzing.product.resultaat,
        product=toewijzing.product,
        ingangsdatum=dt.date(2017, 1, 2),
    )
    toewijzing.save(update_fields=["beschikt_resultaat"])
    toewijzing_url = reverse("web:toewijzing-detail", args=[toewijzing.pk])
    assert (
        "Plan hoort bij de beschikking"
        in web(bob).get(reverse("web:plan-nieuw", args=[toewijzing.pk])).content.decode()
    )
    voor = web(alice).get(toewijzing_url).content.decode()
    assert "Plan hoort bij de beschikking" in voor and "Nog geen akkoord plan" in voor
    beschikking_url = reverse("web:beschikking-detail", args=[beschikking.pk])
    assert "Nog geen akkoord plan" in web(alice).get(beschikking_url).content.decode()

    plan = schrijf_en_akkoord(bob, toewijzing, subresultaat, buurthuis)
    na = web(alice).get(toewijzing_url).content.decode()
    assert f"Akkoord plan: versie {plan.versie}" in na
    assert f"Akkoord plan: versie {plan.versie}" in web(alice).get(beschikking_url).content.decode()
    assert (
        "Plan hoort bij de beschikking"
        in web(bob).get(reverse("web:plan-detail", args=[plan.pk])).content.decode()
    )


# --- Sociale kaart --------------------------------------------------------------------------------------


def test_the_gemeente_keeps_its_sociale_kaart_and_the_provider_reads_it(alice, bob, erik, noor, heiloo):
    http = web(alice)
    response = http.post(
        reverse("web:voorziening-nieuw"),
        {
            "gemeente": noor.gemeente.pk,
            "naam": "Maaltijdservice Alkmaar",
            "soort": "maaltijden",
            "adres": "",
            "contact": "",
        },
    )
    assert response.status_code == 302
    voorziening = SocialeKaartVoorziening.objects.get(naam="Maaltijdservice Alkmaar")
    dubbel = http.post(
        reverse("web:voorziening-nieuw"), {"gemeente": noor.gemeente.pk, "naam": "maaltijdservice alkmaar"}
    )
    assert "staat al op de sociale kaart" in dubbel.content.decode()
    # Alice cannot put it on Heiloo's map.
    elders = http.post(reverse("web:voorziening-nieuw"), {"gemeente": heiloo.pk, "naam": "Iets in Heiloo"})
    assert elders.status_code == 200 and not SocialeKaartVoorziening.objects.filter(gemeente=heiloo).exists()
    http.post(
        reverse("web:voorziening-wijzigen", args=[voorziening.pk]),
        {"naam": "Maaltijdservice Alkmaar", "soort": "maaltijden", "adres": "Laat 1", "contact": "072 000"},
    )
    voorziening.refresh_from_db()
    assert voorziening.adres == "Laat 1"

    # Erik (Heiloo) neither sees nor edits Alkmaar's map; bob sees it (his client lives there), edits nothing.
    assert "Maaltijdservice" not in web(erik).get(reverse("web:sociale-kaart")).content.decode()
    assert web(erik).get(reverse("web:voorziening-wijzigen", args=[voorziening.pk])).status_code == 404
    bobs = web(bob)
    assert "Maaltijdservice Alkmaar" in bobs.get(reverse("web:sociale-kaart")).content.decode()
    assert bobs.get(reverse("web:voorziening-nieuw")).status_code == 403
    assert bobs.get(reverse("web:voorziening-wijzigen", args=[voorziening.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.bewaar_voorziening(door=bob, gemeente=noor.gemeente, naam="Mijn eigen buurthuis")


def test_a_beheerder_keeps_the_sociale_kaart_too(alkmaar):
    beheerder = f.UserFactory(username="bea", rol=Rol.BEHEERDER, gemeenten=[alkmaar])
    response = web(beheerder).post(
        reverse("web:voorziening-nieuw"), {"gemeente": alkmaar.pk, "naam": "Repair café"}
    )
    assert response.status_code == 302
    assert SocialeKaartVoorziening.objects.filter(gemeente=alkmaar, naam="Repair café").exists()


def test_an_aanvullend_arrangement_sets_goals_for_the_granted_result(bob, noor, noord, alkmaar):
    """Vervoer has no result of its own: its goals are about the subresults of the result it serves."""
    resultaat = f.ResultaatFactory()
    sub = Subresultaat.objects.create(
        resultaat=resultaat,
        code="mobiel-test",
        omschrijving="De cliënt komt waar hij wil",
        geldig_van=dt.date(2015, 1, 1),
    )
    vervoer = f.ProductFactory(naam="Vervoer", resultaat=None, aanvullend_arrangement=True)
    aanvraag = Aanvraag.objects.create(client=noor, gemeente=alkmaar, ontvangen_op=dt.date(2016, 12, 1))
    beschikking = Beschikking.objects.create(
        aanvraag=aanvraag,
        client=noor,
        gemeente=alkmaar,
        nummer="B-2",
        besluit=Besluit.TOEGEKEND,
        besluitdatum=dt.date(2016, 12, 10),
    )
    beschikt = BeschiktResultaat.objects.create(
        beschikking=beschikking, resultaat=resultaat, product=vervoer, ingangsdatum=dt.date(2017, 1, 2)
    )
    toewijzing = f.ToewijzingFactory(
        client=noor, aanbieder=noord, product=vervoer, beschikt_resultaat=beschikt
    )
    assert services.subresultaten_voor(toewijzing) == [sub]
    plan = services.maak_plan(
        door=bob,
        toewijzing=toewijzing,
        invoer=services.PlanInvoer(doelen=(services.DoelInvoer(doel="Naar de markt", subresultaat=sub),)),
    )
    assert plan.doelen.get().subresultaat == sub


def test_no_new_version_for_an_ended_toewijzing(bob, toewijzing):
    toewijzing.einddatum = vandaag() - dt.timedelta(days=1)
    toewijzing.save(update_fields=["einddatum"])
    pagina = web(bob).get(reverse("web:plan-nieuw", args=[toewijzing.pk])).content.decode()
    assert "De toewijzing is beëindigd" in pagina and "Opslaan" not in pagina
    with pytest.raises(ValidationError, match="beëindigd"):
        services.maak_plan(door=bob, toewijzing=toewijzing, invoer=services.PlanInvoer())


# --- The API: a provider with its own software -----------------------------------------------------------


def test_bob_writes_and_agrees_a_plan_through_the_api(
    bob, alice, toewijzing, subresultaat, buurthuis, heiloo
):
    http = web(bob)
    url = "/api/v1/ondersteuningsplannen/"
    inhoud = {
        "regiefrequentie": "kwartaal",
        "evaluatiedatum": (vandaag() + dt.timedelta(days=90)).isoformat(),
        "doelen": [
            {
                "doel": DOEL,
                "subresultaat": subresultaat.pk,
                "activiteiten": [{"wat": "Stofzuigen", "hoe_vaak": "elke week", "door": "aanbieder"}],
            }
        ],
        "plus_afspraken": [
            {"soort": "verbinding", "omschrijving": "Koffieochtend", "voorziening": buurthuis.pk}
        ],
    }
    response = http.post(url, {**inhoud, "toewijzing": toewijzing.pk}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["versie"], body["status"], body["doelen"][0]["doel"]) == (1, "concept", DOEL)
    plan_url = f"{url}{body['id']}/"

    inhoud["doelen"][0]["doel"] = "Noor stofzuigt zelf"
    assert http.put(plan_url, inhoud, content_type="application/json").json()["doelen"][0]["doel"] == (
        "Noor stofzuigt zelf"
    )
    akkoord = http.post(
        f"{plan_url}akkoord/",
        {"akkoord_op": vandaag().isoformat(), "akkoord_wijze": "digitaal"},
        content_type="application/json",
    )
    assert akkoord.status_code == 200 and akkoord.json()["status"] == "akkoord"

    bevroren = http.put(plan_url, inhoud, content_type="application/json")
    assert bevroren.status_code == 400
    assert "kan niet meer worden gewijzigd" in str(bevroren.json())

    elders = SocialeKaartVoorziening.objects.create(gemeente=heiloo, naam="Dorpshuis Heiloo")
    inhoud["plus_afspraken"][0]["voorziening"] = elders.pk
    fout = http.post(url, {**inhoud, "toewijzing": toewijzing.pk}, content_type="application/json")
    assert fout.status_code == 400 and "sociale kaart" in str(fout.json())

    assert (
        web(alice)
        .post(url, {**inhoud, "toewijzing": toewijzing.pk}, content_type="application/json")
        .status_code
        == 403
    )


def test_bob_cannot_write_charlies_plans_through_the_api(bob, charlie, zeger):
    toewijzing = Toewijzing.objects.get(client=zeger)
    plan = services.maak_plan(door=charlie, toewijzing=toewijzing, invoer=services.PlanInvoer())
    http = web(bob)
    nieuw = http.post(
        "/api/v1/ondersteuningsplannen/", {"toewijzing": toewijzing.pk}, content_type="application/json"
    )
    assert nieuw.status_code == 400 and "Geen toewijzing van uw organisatie" in str(nieuw.json())
    akkoord = http.post(
        f"/api/v1/ondersteuningsplannen/{plan.pk}/akkoord/",
        {"akkoord_op": vandaag().isoformat(), "akkoord_wijze": "digitaal"},
        content_type="application/json",
    )
    assert akkoord.status_code == 404
    assert (
        http.put(f"/api/v1/ondersteuningsplannen/{plan.pk}/", {}, content_type="application/json").status_code
        == 404
    )
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.CONCEPT
