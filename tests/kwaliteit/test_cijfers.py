"""The figures per provider and period that the quality pages and the dashboards read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from resultaat.kwaliteit.models import (
    Afname,
    Capaciteitsmelding,
    Enquete,
    Klacht,
    KlachtCategorie,
    KlachtStatus,
    KlachtUitkomst,
    Verzending,
)
from resultaat.kwaliteit.services import enquete_cijfers, klacht_cijfers, totaal, wachttijden
from tests import factories as f

pytestmark = pytest.mark.django_db

VAN, TOT = dt.date(2026, 1, 1), dt.date(2026, 7, 1)


def _enquete(toewijzing, op, **antwoorden):
    beantwoord = bool(antwoorden)
    return Enquete.objects.create(
        gemeente=toewijzing.gemeente,
        aanbieder=toewijzing.aanbieder,
        client=toewijzing.client,
        toewijzing=toewijzing,
        verzending=Verzending.BRIEF,
        verzonden_op=op,
        beantwoord_op=timezone.now() if beantwoord else None,
        afname=antwoorden.pop("afname", Afname.LINK) if beantwoord else "",
        **antwoorden,
    )


def test_the_response_rate_and_the_answers_are_counted_per_provider(noor, zeger, noord, zuid):
    t_noord = noor.toewijzingen.get()
    t_zuid = zeger.toewijzingen.get()
    _enquete(
        t_noord,
        dt.date(2026, 2, 1),
        cijfer=8,
        resultaat="ja",
        respect="ja",
        betrouwbaar="deels",
        aanraden="ja",
    )
    _enquete(t_noord, dt.date(2026, 3, 1), cijfer=6, resultaat="nee", afname=Afname.TELEFOON)
    _enquete(t_noord, dt.date(2026, 3, 5))  # sent, not answered
    _enquete(t_noord, dt.date(2026, 8, 1), cijfer=1, resultaat="nee")  # outside the period
    _enquete(t_zuid, dt.date(2026, 4, 1))

    rijen = {r.aanbieder_id: r for r in enquete_cijfers(VAN, TOT)}

    assert rijen[noord.pk].verstuurd == 3
    assert rijen[noord.pk].beantwoord == 2
    assert rijen[noord.pk].respons == pytest.approx(2 / 3)
    assert rijen[noord.pk].cijfer_gemiddeld == pytest.approx(7.0)
    assert rijen[noord.pk].via_link == 1 and rijen[noord.pk].via_telefoon == 1
    assert rijen[noord.pk].resultaat_bereikt == pytest.approx(0.5)
    assert rijen[zuid.pk].respons == 0
    assert rijen[zuid.pk].cijfer_gemiddeld is None
    alles = totaal(rijen.values())
    assert alles is not None and alles.verstuurd == 4 and alles.beantwoord == 2

    per_maand = enquete_cijfers(VAN, TOT, aanbieder_ids=[noord.pk], per_maand=True)
    assert [(r.maand, r.verstuurd) for r in per_maand] == [(dt.date(2026, 2, 1), 1), (dt.date(2026, 3, 1), 2)]


def test_complaints_are_counted_with_their_handling_and_overdue_ones(alkmaar, noord, zuid):
    def klacht(aanbieder, ontvangen, **extra):
        return Klacht.objects.create(
            gemeente=alkmaar,
            aanbieder=aanbieder,
            ontvangen_op=ontvangen,
            categorie=extra.pop("categorie", KlachtCategorie.BEJEGENING),
            onderwerp="Onvriendelijk aan de telefoon",
            omschrijving="-",
            uiterlijk=ontvangen + dt.timedelta(weeks=6),
            **extra,
        )

    klacht(noord, dt.date(2026, 1, 10))  # open, overdue on 1 June
    klacht(
        noord,
        dt.date(2026, 2, 1),
        categorie=KlachtCategorie.WACHTTIJD,
        status=KlachtStatus.AFGEHANDELD,
        uitkomst=KlachtUitkomst.GEGROND,
        afgehandeld_op=dt.date(2026, 2, 21),
    )
    klacht(zuid, dt.date(2026, 5, 25))  # open, within its term

    rijen = {r.aanbieder_id: r for r in klacht_cijfers(VAN, TOT, vandaag=dt.date(2026, 6, 1))}

    assert (rijen[noord.pk].ontvangen, rijen[noord.pk].open, rijen[noord.pk].te_laat) == (2, 1, 1)
    assert rijen[noord.pk].gegrond == 1
    assert rijen[noord.pk].doorlooptijd_gemiddeld_dagen == 20
    assert rijen[noord.pk].per_categorie == {"bejegening": 1, "wachttijd": 1}
    assert rijen[zuid.pk].te_laat == 0


def test_waiting_time_per_provider_and_product(alkmaar, noord):
    product = f.ProductFactory()
    client = f.ClientFactory(gemeente=alkmaar)
    # Waiting since 1 March; started after 10 days; returned (not waiting); started outside the period.
    f.ToewijzingFactory(client=client, aanbieder=noord, product=product, toewijzingsdatum=dt.date(2026, 3, 1))
    gestart = f.ToewijzingFactory(
        client=client, aanbieder=noord, product=product, toewijzingsdatum=dt.date(2026, 2, 1)
    )
    f.LeveringFactory(toewijzing=gestart, begindatum=dt.date(2026, 2, 11))
    f.ToewijzingFactory(
        client=client,
        aanbieder=noord,
        product=product,
        toewijzingsdatum=dt.date(2026, 3, 1),
        geretourneerd=True,
    )
    Capaciteitsmelding.objects.create(
        gemeente=alkmaar,
        aanbieder=noord,
        product=product,
        peildatum=dt.date(2026, 3, 15),
        plaatsen=20,
        vrije_plaatsen=0,
        wachtenden=4,
    )

    [rij] = wachttijden(VAN, TOT, peildatum=dt.date(2026, 4, 1), aanbieder_ids=[noord.pk])

    assert (rij.wachtend, rij.wacht_langste_dagen) == (1, 31)
    assert (rij.gestart, rij.start_mediaan_dagen) == (1, 10.0)
    assert (rij.plaatsen, rij.vrije_plaatsen, rij.gemelde_wachtenden) == (20, 0, 4)
