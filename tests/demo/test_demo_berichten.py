"""The demo's iWmo traffic (resultaat.demo.berichten): providers' starts, a stop and declaraties came in
through the intake, each with its retour, so the message pages show received messages, approved and
refused with the official retour code and its meaning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from resultaat.accounts.models import User
from resultaat.core.opmaak import euro
from resultaat.demo.generator import genereer_demo
from resultaat.iwmo.models import Bericht, DeclaratieRegel
from resultaat.toewijzingen.models import Levering, Toewijzing

VANDAAG = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _snel(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.IWMO_DIR = tmp_path / "iwmo"


@pytest.fixture
def demo(db):
    return genereer_demo(clienten=150, seed=1, vandaag=VANDAAG)


def _retour(b: Bericht) -> Bericht:
    return Bericht.objects.get(heenbericht=b)


def test_a_start_before_the_toewijzing_is_refused_with_9019_and_the_corrected_one_approved(demo):
    fout, goed = Bericht.objects.filter(richting="in", berichttype="WMO305").order_by("pk")
    assert (fout.status, goed.status) == ("afgekeurd", "goedgekeurd")
    assert b"<RetourCode>9019</RetourCode>" in bytes(_retour(fout).inhoud).replace(b"\r\n", b"").replace(
        b" ", b""
    )
    assert _retour(goed).berichttype == "WMO306"
    # Only the corrected start was recorded: the levering begins on the toewijzing's first day.
    nummer = int(bytes(goed.inhoud).split(b"ToewijzingNummer>")[1].split(b"<")[0])
    t = Toewijzing.objects.get(aanbieder=goed.aanbieder, gemeente=goed.gemeente, nummer=nummer)
    assert list(Levering.objects.filter(toewijzing=t).values_list("begindatum", flat=True)) == [
        t.ingangsdatum
    ]


def test_a_stop_volgens_plan_came_in_and_ended_the_levering(demo):
    (stop,) = Bericht.objects.filter(richting="in", berichttype="WMO307")
    assert stop.status == "goedgekeurd"
    assert _retour(stop).berichttype == "WMO308"
    assert Levering.objects.filter(reden_beeindiging="19", einddatum=VANDAAG - dt.timedelta(days=3)).exists()


def test_declaraties_approved_a_second_claim_of_a_month_9389_and_a_claim_past_the_budget_9369(demo):
    assert Bericht.objects.filter(richting="in", berichttype="WMO323").count() == 5
    assert Bericht.objects.filter(richting="uit", berichttype="WMO325").count() == 5
    goedgekeurd = DeclaratieRegel.objects.filter(toegekend=True)
    assert goedgekeurd.count() == 4
    (dubbel,) = DeclaratieRegel.objects.filter(retourcodes=["9389"])
    eerder = goedgekeurd.get(toewijzing=dubbel.toewijzing, begindatum=dubbel.begindatum)
    assert eerder.bedrag_cent == dubbel.bedrag_cent
    (te_veel,) = DeclaratieRegel.objects.filter(retourcodes=["9369"])
    t = Toewijzing.objects.get(pk=demo.scenarios["budget"])
    assert te_veel.toewijzing == t and t.eenheid == "83" and t.volume is None
    al = sum(goedgekeurd.filter(toewijzing=t).values_list("bedrag_cent", flat=True))
    assert al <= t.budget_cent < al + te_veel.bedrag_cent


def test_the_message_page_shows_the_refusal_with_its_meaning(demo, client):
    fout = Bericht.objects.filter(richting="in", berichttype="WMO305").order_by("pk").first()
    client.force_login(User.objects.filter(rol="consulent", gemeenten=fout.gemeente).order_by("pk").first())
    lijst = client.get(reverse("web:bericht-list"))
    assert lijst.status_code == 200
    # The type says what it is, the parties are named.
    assert "WMO305 Start ondersteuning" in lijst.content.decode()
    assert escape(f"{fout.aanbieder.naam} → gemeente {fout.gemeente.naam}") in lijst.content.decode()
    pagina = client.get(reverse("web:bericht-detail", args=[_retour(fout).pk])).content.decode()
    assert "9019" in pagina
    assert "Het regiebericht kan niet gekoppeld worden aan een toewijzing." in pagina


def test_the_declaratie_answer_shows_the_refused_prestatie_its_client_amount_and_meaning(demo, client):
    """The 325 names the client by BSN only: the page shows the client's name, the month, the amount in
    euros and why the prestatie was refused (TR369, 9369)."""
    (te_veel,) = DeclaratieRegel.objects.filter(retourcodes=["9369"])
    antwoord = _retour(te_veel.bericht)
    client.force_login(User.objects.get(username="financieel"))
    pagina = client.get(reverse("web:bericht-detail", args=[antwoord.pk])).content.decode()
    assert "Dit bericht noemt geen cliënten" not in pagina
    assert escape(te_veel.client.naam) in pagina
    assert euro(te_veel.bedrag_cent) in pagina
    assert "Budget is meegegeven, maar de som van GeleverdVolume" in pagina
    assert "9369" in pagina
    # The volume of a claim in euros is an amount too.
    assert f"Geleverd volume: {euro(te_veel.volume)}" in pagina
    # A fully approved declaratie's answer names no clients, and says why.
    volledig = Bericht.objects.filter(berichttype="WMO325", heenbericht__status="goedgekeurd").first()
    pagina = client.get(reverse("web:bericht-detail", args=[volledig.pk])).content.decode()
    assert "alle prestaties van de declaratie zijn toegekend" in pagina
    assert "Declaratie is volledig toegewezen." in pagina
