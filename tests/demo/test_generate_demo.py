"""The demo generator builds a complete, valid, deterministic region; `make demo` can run it twice."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q

from resultaat.accounts.models import User
from resultaat.catalogus.models import Product
from resultaat.clienten.models import Client
from resultaat.contracten.models import Contract, ContractProduct, Onderaannemer
from resultaat.core import termijnen
from resultaat.core.audit.models import AuditEvent
from resultaat.core.validators import bsn_is_valid, iban_is_valid, validate_postcode
from resultaat.demo.basis import ACTOR, DEMO_WACHTWOORD, REGIO_NAAM, DemoFout, Fase
from resultaat.demo.generator import genereer_demo
from resultaat.ondersteuning.models import (
    Evaluatie,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlanStatus,
    PlusAfspraak,
    Signaal,
    SocialeKaartVoorziening,
)
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toegang.models import (
    Aanvraag,
    AanvraagStatus,
    Beschikking,
    Melding,
    MeldingStatus,
    Onderzoek,
    ZRMScore,
)
from resultaat.toewijzingen.models import Levering, LeveringBron, Toewijzing, ToewijzingVersie
from resultaat.werklijst.models import WerklijstItem, WerklijstStatus

VANDAAG = dt.date(2026, 11, 22)
N = 60


@pytest.fixture(autouse=True)
def snel_wachtwoord(settings):
    # The demo hashes its password once; a fast hasher keeps the login tests quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    return genereer_demo(clienten=N, seed=1, vandaag=VANDAAG)


def test_the_region_has_gemeenten_providers_contracts_and_a_sociale_kaart(demo):
    gemeenten = Gemeente.objects.filter(regio__naam=REGIO_NAAM)
    assert gemeenten.count() >= 3
    assert {"0361", "0399", "0383"} <= set(gemeenten.values_list("code", flat=True))
    aanbieders = list(Aanbieder.objects.all())
    assert len(aanbieders) >= 8
    for a in aanbieders:
        assert len(a.agb_code) == 8 and a.agb_code.isdigit()
        assert len(a.kvk_nummer) == 8 and a.kvk_nummer.isdigit()
        assert iban_is_valid(a.iban) and a.iban.startswith("NL")
        validate_postcode(a.postcode)
        assert Contract.objects.filter(aanbieder=a).exists()
    assert Contract.objects.annotate(n=Count("gemeenten")).filter(n__gte=2).count() >= 6
    regels = ContractProduct.objects.all()
    assert regels.exists() and not regels.filter(capaciteit__isnull=True).exists()
    assert regels.filter(wachttijd_dagen__gt=0).exists()
    assert Onderaannemer.objects.count() >= 1
    for gemeente in gemeenten:
        assert SocialeKaartVoorziening.objects.filter(gemeente=gemeente).count() >= 5


def test_every_stage_of_the_chain_appears(demo):
    assert set(demo.fasen) == {f.value for f in Fase}
    assert all(n > 0 for n in demo.fasen.values()), demo.fasen
    # Beside the N clients of the chain, the conversion reads clients of the old administration (BSN 7...).
    assert sum(demo.fasen.values()) == Client.objects.exclude(bsn__startswith="7").count() == N

    # Melding only, some past the six-week deadline.
    alleen_melding = Melding.objects.filter(status=MeldingStatus.ONTVANGEN, onderzoek__isnull=True)
    assert alleen_melding.exists()
    assert alleen_melding.filter(ontvangen_op__lt=VANDAAG - termijnen.ONDERZOEK.duur).exists()
    # Onderzoek in progress, with a ZRM score for each of the 13 domains.
    lopend = Onderzoek.objects.filter(afgerond_op__isnull=True)
    assert lopend.exists()
    for onderzoek in lopend:
        assert ZRMScore.objects.filter(onderzoek=onderzoek).count() == 13
    # Aanvraag awaiting decision; beschikkingen toegekend and afgewezen, numbers unique per gemeente.
    assert Aanvraag.objects.filter(status=AanvraagStatus.INGEDIEND, beschikkingen__isnull=True).exists()
    assert Beschikking.objects.filter(besluit="toegekend").exists()
    assert Beschikking.objects.filter(besluit="afgewezen", resultaten__isnull=True).exists()
    # Toewijzing sent but not started; started; temporarily stopped; resumed; stopped 19 and 02.
    assert Toewijzing.objects.filter(leveringen__isnull=True).exists()
    assert Levering.objects.filter(einddatum__isnull=True).exists()
    tijdelijk = Levering.objects.filter(reden_beeindiging="20")
    hervat = [lv for lv in tijdelijk if lv.toewijzing.leveringen.filter(begindatum__gt=lv.einddatum).exists()]
    assert hervat and len(hervat) < tijdelijk.count()
    for stop in hervat:
        volgende = stop.toewijzing.leveringen.get(begindatum__gt=stop.einddatum)
        assert volgende.begindatum > stop.einddatum
    assert Levering.objects.filter(reden_beeindiging="19").exists()
    assert Levering.objects.filter(reden_beeindiging="02").exists()
    assert Client.objects.filter(overlijdensdatum__isnull=False).exists()
    # Switches, plans (agreed and concept) with doelen, activiteiten and the Plus; evaluaties; signalen.
    assert Toewijzing.objects.filter(voorganger__isnull=False).exists()
    assert Ondersteuningsplan.objects.filter(status=PlanStatus.AKKOORD).exists()
    assert Ondersteuningsplan.objects.filter(status=PlanStatus.CONCEPT).exists()
    assert PlanDoel.objects.exists() and PlanActiviteit.objects.exists() and PlusAfspraak.objects.exists()
    assert Evaluatie.objects.exists()
    assert Signaal.objects.values("soort").distinct().count() >= 2
    assert Signaal.objects.values("status").distinct().count() >= 2
    # Werklijst items for the open deadlines and the new signals.
    open_items = WerklijstItem.objects.filter(status=WerklijstStatus.OPEN)
    assert {"onderzoek", "besluit", "signaal"} <= set(open_items.values_list("soort", flat=True))
    for item in open_items:
        assert item.onderwerp is not None and item.uiterlijk is not None


def test_bsns_pass_the_elfproef_and_are_unique(demo):
    bsns = list(Client.objects.values_list("bsn", flat=True))
    conversie = demo.aantallen["bestaande indicatie ingelezen"]
    assert len(bsns) == len(set(bsns)) and N < len(bsns) < N + conversie
    assert all(bsn_is_valid(bsn) for bsn in bsns)
    for client in Client.objects.all():
        validate_postcode(client.postcode)
        assert client.achternaam and client.voorletters and client.straat


def test_most_clients_are_65_or_older(demo):
    geboren = Client.objects.values_list("geboortedatum", flat=True)
    oud = [d for d in geboren if (VANDAAG - d).days >= 65 * 365]
    assert len(oud) > len(geboren) / 2


def test_a_provider_switch_leaves_no_gap_and_no_overlap(demo):
    opvolgers = Toewijzing.objects.filter(voorganger__isnull=False).select_related("voorganger")
    assert opvolgers.exists()
    for nieuw in opvolgers:
        oud = nieuw.voorganger
        assert oud.reden_wijziging == "09"
        assert oud.einddatum + dt.timedelta(days=1) == nieuw.ingangsdatum
        assert oud.aanbieder_id != nieuw.aanbieder_id
        assert oud.product_id == nieuw.product_id and oud.client_id == nieuw.client_id
        assert not oud.leveringen.filter(Q(einddatum__isnull=True) | Q(einddatum__gt=oud.einddatum)).exists()
        assert nieuw.leveringen.get().begindatum == nieuw.ingangsdatum


def test_every_toewijzing_row_equals_its_latest_version(demo):
    toewijzingen = Toewijzing.objects.all()
    assert toewijzingen.exists()
    for toewijzing in toewijzingen:
        versie = toewijzing.huidige_versie()
        assert versie is not None
        assert versie.termen() == toewijzing.termen()
    assert not ToewijzingVersie.objects.filter(toewijzingsdatum__gt=VANDAAG).exists(), (
        "geen besluiten in de toekomst"
    )
    # A levering lies inside its toewijzing.
    assert not Levering.objects.filter(begindatum__lt=F("toewijzing__ingangsdatum")).exists()
    assert (
        not Levering.objects.filter(toewijzing__einddatum__isnull=False)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gt=F("toewijzing__einddatum")))
        .exclude(toewijzing__einddatum__gte=VANDAAG)
        .exists()
    )


def test_numbers_are_unique_per_gemeente(demo):
    for model in (Toewijzing, Beschikking):
        dubbel = model.objects.values("gemeente", "nummer").annotate(n=Count("id")).filter(n__gt=1)
        assert not dubbel.exists()


def test_every_row_is_audited_as_written_by_the_generator(demo):
    events = AuditEvent.objects.all()
    assert events.count() >= sum(demo.aantallen.values())
    # The generator writes everything, except what it does through the services as a demo login: the
    # providers' portal actions (a returned toewijzing, requests), the consulenten's re-indications and the
    # settlement runs (made by one financieel login, approved by the other: four eyes) and the beheerder's
    # proposal of new bank details (waiting for a second person). Those name that login.
    namen = set(events.values_list("actor_naam", flat=True))
    assert ACTOR in namen
    assert {n for n in namen if n.startswith("consulent")}
    # The settlement scenarios (resultaat.demo.scenarios) report starts and stops as the providers'
    # portal logins.
    aanbieders = set(
        User.objects.filter(username__startswith="aanbieder-").values_list("username", flat=True)
    )
    assert {n for n in namen if not n.startswith("consulent")} - {ACTOR} <= {
        "financieel",
        "financieel-2",
        "beheerder",  # reads the file of old indications (the conversion)
        "contractmanager",  # sets the conversion scenarios
        "iWmo-intake",  # reads the providers' iWmo files (resultaat.demo.berichten)
        *aanbieders,
    }
    assert events.exclude(actor_naam=ACTOR).exists()
    # Every event names its client, except the settlement run's own events (one run covers many clients),
    # the CAK files' own events (one file covers many clients) and the beheer of users (beheertoegang
    # given to the demo's beheerders: about a user, not a client), the bank details of a gemeente, and the
    # file of old indications read for the conversion (one file covers many clients).
    zonder_client = events.filter(client_id__isnull=True)
    assert set(zonder_client.values_list("content_type__model", flat=True)) <= {
        "afrekenrun",
        "cakbericht",
        "user",
        "betaalinstelling",
        "indicatieimport",
        "klacht",  # a complaint about a provider need not concern one client
        "klachtstap",
    }


def _vingerafdruk() -> tuple:
    # The clients that the conversion import registers after the bulk part (through the services, like
    # the other acts of a demo login; their BSNs start with 7) carry the real moment of registration.
    return (
        [
            (*rij[:4], None if rij[0].startswith("7") else rij[4])
            for rij in Client.objects.order_by("bsn").values_list(
                "bsn", "voornamen", "achternaam", "straat", "aangemaakt_op"
            )
        ],
        list(
            Toewijzing.objects.order_by("gemeente__code", "nummer").values_list(
                "gemeente__code",
                "nummer",
                "client__bsn",
                "aanbieder__agb_code",
                "product__code",
                "ingangsdatum",
                "einddatum",
            )
        ),
        [
            # A start that came in as an iWmo file (resultaat.demo.berichten) carries the real moment the
            # intake read it, as the services' acts do.
            (*rij[:4], None if rij[5] == LeveringBron.IWMO else rij[4])
            # A total order: a client can have two leveringen starting on one day (two products).
            for rij in Levering.objects.order_by(
                "toewijzing__client__bsn", "begindatum", "toewijzing__nummer", "start_gemeld_op"
            ).values_list(
                "toewijzing__client__bsn",
                "begindatum",
                "einddatum",
                "reden_beeindiging",
                "start_gemeld_op",
                "bron",
            )
        ],
        sorted(Signaal.objects.values_list("client__bsn", "soort", "status", "gemeld_op")),
        # A complaint's item may concern no client: sort those as an empty BSN.
        sorted(
            WerklijstItem.objects.values_list("client__bsn", "soort", "uiterlijk", "aangemaakt_op"),
            key=lambda rij: ("" if rij[0] is None else rij[0], *rij[1:]),
        ),
    )


def test_the_same_seed_gives_the_same_demo(db):
    afdrukken = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            genereer_demo(clienten=40, seed=seed, vandaag=VANDAAG)
            afdrukken.append(_vingerafdruk())
            transaction.set_rollback(True)
        assert not Client.objects.exists()
    assert afdrukken[0] == afdrukken[1]
    assert afdrukken[0][0] != afdrukken[2][0]


def test_the_command_refuses_a_filled_database_unless_keep_existing(db):
    uit = io.StringIO()
    call_command("generate_demo", "--clients", "30", "--seed", "3", "--today", "2026-11-22", stdout=uit)
    tekst = uit.getvalue()
    assert "Klaar in" in tekst and "cliënten per seconde" in tekst
    assert "Voorbeeldtarieven (demo)" in tekst and DEMO_WACHTWOORD in tekst
    voor = (Client.objects.count(), AuditEvent.objects.count(), User.objects.count())

    uit = io.StringIO()
    call_command("generate_demo", "--keep-existing", stdout=uit)
    assert "staat er al" in uit.getvalue()
    assert (Client.objects.count(), AuditEvent.objects.count(), User.objects.count()) == voor

    # The 30 clients of the chain and those the conversion read from the old administration.
    with pytest.raises(CommandError, match=f"bevat al {Client.objects.count()} cliënten"):
        call_command("generate_demo", "--clients", "30")
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        call_command("generate_demo", "--today", "22-11-2026")


def test_every_demo_login_works(demo, client):
    namen = [g for g, _, _ in demo.logins]
    assert {"admin", "consulent", "contractmanager", "financieel", "beheerder", "auditor"} <= set(namen)
    assert Counter(User.objects.filter(username__in=namen).values_list("rol", flat=True))["aanbieder"] == 8
    for gebruikersnaam in namen:
        assert _inloggen(client, gebruikersnaam), gebruikersnaam
        client.logout()
    consulent = User.objects.get(username="consulent")
    assert set(consulent.gemeenten.values_list("code", flat=True)) == {"0361", "0399"}
    assert User.objects.get(username="admin").is_superuser


def test_a_missing_product_fails_with_its_code(db):
    Product.objects.filter(categorie="01", code="HOB2").update(code="HOBX")
    with pytest.raises(DemoFout, match="01 HOB2"):
        genereer_demo(clienten=5, seed=1, vandaag=VANDAAG)
    assert not Client.objects.exists()


def test_an_existing_account_is_left_alone(db):
    User.objects.create_superuser("admin", password="eigen-wachtwoord-123")
    verslag = genereer_demo(clienten=5, seed=1, vandaag=VANDAAG)
    admin = next(o for g, _, o in verslag.logins if g == "admin")
    assert "bestond al" in admin
    assert User.objects.get(username="admin").check_password("eigen-wachtwoord-123")


def _inloggen(client, gebruikersnaam: str) -> bool:
    """Through the login page, as a person logs in (the lockout's backend wants the request)."""
    client.post("/inloggen/", {"username": gebruikersnaam, "password": DEMO_WACHTWOORD})
    return "_auth_user_id" in client.session


def test_the_demo_beheerder_keeps_reference_data_in_the_admin_but_not_client_data(demo, client):
    assert _inloggen(client, "beheerder")
    assert client.get("/beheer/catalogus/product/").status_code == 200
    assert client.get("/beheer/contracten/contract/").status_code == 200
    assert client.get("/beheer/accounts/user/").status_code == 200
    client.logout()
    assert _inloggen(client, "contractmanager")
    assert client.get("/beheer/contracten/contract/").status_code == 200
    assert client.get("/beheer/accounts/user/").status_code == 403
    client.logout()
    assert _inloggen(client, "consulent")
    assert client.get("/beheer/catalogus/product/").status_code == 302  # not staff: sent to the admin login


def test_begeleiding_states_its_hours_and_a_re_indication_changes_the_earlier_decision_by_letter(demo):
    from resultaat.toegang.brieven import beschikking_html
    from resultaat.toegang.models import BeschiktResultaat

    begeleiding = BeschiktResultaat.objects.filter(product__categorie="02", omvang_eenheid="uren")
    assert begeleiding.exists()
    assert not BeschiktResultaat.objects.filter(omvang_per_week__isnull=True).exclude(product__code="VVR")
    assert all(re.fullmatch(r"\d{4}-\d{4}", n) for n in Beschikking.objects.values_list("nummer", flat=True))
    assert demo.aantallen["herindicatie met wijzigingsbeschikking"] >= 1
    oud = (
        BeschiktResultaat.objects.filter(beeindigd_door__isnull=False)
        .select_related("beeindigd_door")
        .first()
    )
    assert oud is not None
    # Every toewijzing of the earlier result (with vervoer, or after a switch) ends by that day at the latest.
    assert oud.toewijzingen.exists()
    assert all(t.einddatum and t.einddatum <= oud.beeindigd_per for t in oud.toewijzingen.all())
    brief = beschikking_html(oud.beeindigd_door)
    assert "Wat verandert er aan uw eerdere besluit?" in brief
    assert f"kenmerk Wmo {oud.beschikking.nummer}" in brief


def test_a_conversion_of_the_hours_based_caseload_is_read_compared_and_partly_executed(demo):
    from pypdf import PdfReader

    from resultaat.conversie.models import Indicatieimport, Omzetronde, Scenario

    imp = Indicatieimport.objects.get()
    assert (imp.status, imp.afgekeurd) == ("klaar", 2)
    assert imp.ingelezen == demo.aantallen["bestaande indicatie ingelezen"] > 40
    assert {m.tekst for m in imp.meldingen.all()} >= {"BSN voldoet niet aan de elfproef."}
    assert Scenario.objects.count() == 2
    ronde = Omzetronde.objects.get()
    assert ronde.overgang_weken == 4
    assert demo.aantallen["omzetting naar resultaat met brief"] == ronde.omzettingen.count() >= 4
    # The first group holds a client with HH1 and HH2 combined into one decision, and every letter.
    assert any(o.samengevoegd for o in ronde.omzettingen.all())
    assert all(bytes(o.brief).startswith(b"%PDF") for o in ronde.omzettingen.all())
    assert len(PdfReader(io.BytesIO(bytes(ronde.samengevoegd))).pages) >= ronde.omzettingen.count()
