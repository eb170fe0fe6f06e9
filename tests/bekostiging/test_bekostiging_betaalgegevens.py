"""The gemeente's bank details: entered by a beheerder in the beheer screens, confirmed by a second one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resultaat.accounts.models import Rol
from resultaat.accounts.services import geef_beheertoegang
from resultaat.bekostiging import betaalgegevens, exports
from resultaat.bekostiging import services as bk
from resultaat.bekostiging.models import BetaalInstelling
from resultaat.core.audit.models import AuditEvent
from tests import factories as f
from tests.bekostiging.helpers import D, maak_wereld

pytestmark = pytest.mark.django_db


def beheerders(w):
    ahmed = f.UserFactory(username="ahmed", rol=Rol.BEHEERDER, gemeenten=[w.gemeente])
    bea = f.UserFactory(username="bea", rol=Rol.BEHEERDER, gemeenten=[w.gemeente])
    for u in (ahmed, bea):
        geef_beheertoegang(u)
    return ahmed, bea


def test_a_beheerder_enters_the_details_in_the_beheer_screen_and_a_second_one_confirms(client, db):
    w = maak_wereld()
    ahmed, bea = beheerders(w)
    client.force_login(ahmed)
    url = reverse("admin:bekostiging_betaalinstelling_add")
    r = client.post(
        url,
        {
            "gemeente": w.gemeente.pk,
            "voorstel_naam": "Gemeente Alkmaar",
            "voorstel_iban": "NL91ABNA0417164301",
            "voorstel_bic": "ABNANL2A",
        },
    )
    assert r.status_code == 200 and "IBAN" in r.content.decode()  # wrong check digits: shown at the field
    assert not BetaalInstelling.objects.exists()
    r = client.post(
        url,
        {
            "gemeente": w.gemeente.pk,
            "voorstel_naam": "Gemeente Alkmaar",
            "voorstel_iban": "NL91 ABNA 0417 1643 00",
            "voorstel_bic": "abnanl2a",
        },
    )
    assert r.status_code == 302
    inst = BetaalInstelling.objects.get()
    assert (inst.iban, inst.voorstel_iban, inst.voorstel_bic, inst.voorgesteld_door) == (
        "",
        "NL91ABNA0417164300",
        "ABNANL2A",
        "ahmed",
    )
    # The proposer cannot confirm its own proposal.
    wijzig = reverse("admin:bekostiging_betaalinstelling_changelist")
    client.post(wijzig, {"action": "bevestig", "_selected_action": [inst.pk]})
    inst.refresh_from_db()
    assert inst.iban == ""
    client.force_login(bea)
    client.post(wijzig, {"action": "bevestig", "_selected_action": [inst.pk]})
    inst.refresh_from_db()
    assert (inst.naam, inst.iban, inst.bic, inst.voorgesteld_door) == (
        "Gemeente Alkmaar",
        "NL91ABNA0417164300",
        "ABNANL2A",
        "",
    )
    teksten = list(
        AuditEvent.objects.filter(gebeurtenis__startswith="betaalgegevens.").values_list("tekst", flat=True)
    )
    assert any("voorgesteld" in t and "****4300" in t for t in teksten)
    assert any("gewijzigd" in t and "voorgesteld door ahmed" in t for t in teksten)
    assert not any("NL91ABNA0417164300" in t for t in teksten)


def test_a_beheerder_of_another_gemeente_neither_sees_nor_changes_them(client, db):
    w = maak_wereld()
    ahmed, _ = beheerders(w)
    betaalgegevens.stel_voor(
        gemeente=w.gemeente, naam="Gemeente Alkmaar", iban="NL91ABNA0417164300", bic="ABNANL2A", door=ahmed
    )
    ander = f.UserFactory(username="otto", rol=Rol.BEHEERDER, gemeenten=[f.GemeenteFactory(code="0399")])
    geef_beheertoegang(ander)
    with pytest.raises(ValidationError, match="Alleen een beheerder van Alkmaar"):
        betaalgegevens.bevestig(instelling=BetaalInstelling.objects.get(), door=ander)
    client.force_login(ander)
    r = client.get(reverse("admin:bekostiging_betaalinstelling_changelist"))
    assert r.status_code == 200 and "NL91" not in r.content.decode()


def test_an_approved_run_keeps_paying_from_the_details_at_its_approval(db):
    w = maak_wereld()
    ahmed, bea = beheerders(w)
    w.toewijzing(D(2017, 1, 1))
    run = bk.afrekenen(gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P02"), door=w.fenna).run
    run = bk.keur_goed(run=run, door=w.frank)
    with pytest.raises(ValidationError, match="Leg eerst de betaalgegevens"):
        exports.sepa_xml(run)
    inst = betaalgegevens.stel_voor(
        gemeente=w.gemeente, naam="Gemeente Alkmaar", iban="NL91ABNA0417164300", bic="ABNANL2A", door=ahmed
    )
    betaalgegevens.bevestig(instelling=inst, door=bea)
    run2 = bk.afrekenen(
        gemeente=w.gemeente, periode=bk.zoek_periode(w.gemeente, "2017-P03"), door=w.fenna
    ).run
    run2 = bk.keur_goed(run=run2, door=w.frank)
    assert (run2.betaler_iban, run2.betaler_naam) == ("NL91ABNA0417164300", "Gemeente Alkmaar")
    betaalgegevens.bevestig(
        instelling=betaalgegevens.stel_voor(
            gemeente=w.gemeente,
            naam="Gemeente Alkmaar (nieuw)",
            iban="NL39RABO0300065264",
            bic="RABONL2U",
            door=bea,
        ),
        door=ahmed,
    )
    assert b"NL91ABNA0417164300" in exports.sepa_xml(run2)
    assert b"NL39RABO0300065264" in exports.sepa_xml(run)  # approved before any details: today's
