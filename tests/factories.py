"""Factories for tests, with named states. BSNs are generated so that they pass the elfproef."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from resultaat.accounts.models import Rol, User
from resultaat.catalogus.models import Product, Resultaat, ResultaatDomein, Tarief
from resultaat.clienten.models import Client
from resultaat.contracten.models import Contract, ContractProduct
from resultaat.core.codes import WJ756Eenheid, WMO020ProductCategorie, WMO757Frequentie
from resultaat.organisaties.models import Aanbieder, Gemeente
from resultaat.toewijzingen.models import Levering, ReactieAanbieder, Toewijzing

_bsn_counter = itertools.count(100000000)


def valid_bsn() -> str:
    """The next nine-digit number that passes the elfproef."""
    while True:
        candidate = str(next(_bsn_counter))
        digits = [int(c) for c in candidate]
        total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
        if total % 11 == 0:
            return candidate


def _iban(seq: int) -> str:
    account = f"{seq:010d}"
    bban = "ABNA" + account
    numeric = "".join(str(int(c, 36)) for c in bban + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bban}"


class GemeenteFactory(DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    postadres = "Postbus 1, 1800 AA Alkmaar"


class AanbiederFactory(DjangoModelFactory):
    class Meta:
        model = Aanbieder
        django_get_or_create = ("agb_code",)

    agb_code = factory.Sequence(lambda n: f"{98000000 + n:08d}")
    naam = factory.Sequence(lambda n: f"Thuiszorg {n}")
    kvk_nummer = factory.Sequence(lambda n: f"{50000000 + n:08d}")
    iban = factory.Sequence(_iban)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    rol = Rol.CONSULENT
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord")

    @factory.post_generation
    def gemeenten(self, create: bool, extracted: list[Gemeente] | None, **kwargs: object) -> None:
        if create and extracted:
            self.gemeenten.set(extracted)
        if create:
            self.save()


class ResultaatDomeinFactory(DjangoModelFactory):
    class Meta:
        model = ResultaatDomein
        django_get_or_create = ("code",)

    code = "zelfstandig-wonen-test"
    naam = "Zelfstandig en veilig wonen"
    geldig_van = dt.date(2015, 1, 1)


class ResultaatFactory(DjangoModelFactory):
    class Meta:
        model = Resultaat
        django_get_or_create = ("code",)

    domein = factory.SubFactory(ResultaatDomeinFactory)
    code = factory.Sequence(lambda n: f"resultaat-test-{n}")
    naam = "Schoon en leefbaar huis"
    geldig_van = dt.date(2015, 1, 1)


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    categorie = WMO020ProductCategorie.HULP_BIJ_HET_HUISHOUDEN
    code = factory.Sequence(lambda n: f"T{n:04d}")
    naam = "Thuisondersteuning (test)"
    resultaat = factory.SubFactory(ResultaatFactory)
    eenheid = WJ756Eenheid.STUKS_OUTPUT
    frequentie = WMO757Frequentie.PER_MAAND
    geldig_van = dt.date(2015, 1, 1)


class TariefFactory(DjangoModelFactory):
    class Meta:
        model = Tarief

    product = factory.SubFactory(ProductFactory)
    bedrag_cent = 21600
    geldig_van = dt.date(2017, 1, 1)


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    kenmerk = factory.Sequence(lambda n: f"C-{n:04d}")
    aanbieder = factory.SubFactory(AanbiederFactory)
    geldig_van = dt.date(2017, 1, 1)

    @factory.post_generation
    def gemeenten(self, create: bool, extracted: list[Gemeente] | None, **kwargs: object) -> None:
        if create and extracted:
            self.gemeenten.set(extracted)


class ContractProductFactory(DjangoModelFactory):
    class Meta:
        model = ContractProduct

    contract = factory.SubFactory(ContractFactory)
    product = factory.SubFactory(ProductFactory)
    geldig_van = dt.date(2017, 1, 1)


class ClientFactory(DjangoModelFactory):
    class Meta:
        model = Client

    bsn = factory.LazyFunction(valid_bsn)
    gemeente = factory.SubFactory(GemeenteFactory)
    voorletters = "J."
    achternaam = factory.Sequence(lambda n: f"Jansen{n}")
    geboortedatum = dt.date(1940, 5, 17)
    straat = "Dorpsstraat"
    huisnummer = "1"
    postcode = "1811 AB"
    woonplaats = "Alkmaar"


class ToewijzingFactory(DjangoModelFactory):
    class Meta:
        model = Toewijzing

    gemeente = factory.SelfAttribute("client.gemeente")
    nummer = factory.Sequence(lambda n: 1000 + n)
    client = factory.SubFactory(ClientFactory)
    aanbieder = factory.SubFactory(AanbiederFactory)
    product = factory.SubFactory(ProductFactory)
    toewijzingsdatum = dt.date(2017, 1, 2)
    toewijzingstijd = dt.time(9, 0)
    ingangsdatum = dt.date(2017, 1, 2)
    volume = 1
    eenheid = WJ756Eenheid.STUKS_OUTPUT
    frequentie = WMO757Frequentie.PER_MAAND

    class Params:
        # Named states: the provider's answer as the portal, the API or a 302 records it.
        geaccepteerd = factory.Trait(
            reactie=ReactieAanbieder.GEACCEPTEERD,
            reactie_op=factory.LazyFunction(timezone.now),
            reactie_door=factory.LazyAttribute(lambda o: o.aanbieder.medewerkers.first()),
        )
        geretourneerd = factory.Trait(
            reactie=ReactieAanbieder.GERETOURNEERD,
            reactie_op=factory.LazyFunction(timezone.now),
            retourreden="Geen capaciteit",
        )


class LeveringFactory(DjangoModelFactory):
    class Meta:
        model = Levering

    toewijzing = factory.SubFactory(ToewijzingFactory)
    begindatum = factory.SelfAttribute("toewijzing.ingangsdatum")


# --- A client's toegang chain up to the toewijzing ------------------------------------------------------


@dataclass
class Toegangsketen:
    melding: Any
    onderzoek: Any
    aanvraag: Any
    beschikking: Any
    beschikt: Any


def toegangsketen(
    toewijzing: Toewijzing,
    *,
    beschikkingnummer: str,
    consulent: User | None = None,
    melding: dict[str, Any] | None = None,
    onderzoek: dict[str, Any] | None = None,
    beschikking: dict[str, Any] | None = None,
    beschikt: dict[str, Any] | None = None,
) -> Toegangsketen:
    """Melding (1 Nov 2016), onderzoek (15 Nov), aanvraag (1 Dec), a granted beschikking from 2 Jan 2017
    and its beschikt resultaat for the toewijzing's product; the toewijzing is linked to it and gets its
    first version. The dicts override or add fields of each record."""
    from resultaat.toegang.models import (
        Aanvraag,
        AanvraagStatus,
        Beschikking,
        BeschiktResultaat,
        Besluit,
        Melding,
        MeldingStatus,
        Onderzoek,
    )
    from resultaat.toewijzingen.models import ToewijzingVersie

    client, gemeente, product = toewijzing.client, toewijzing.gemeente, toewijzing.product
    m = Melding.objects.create(
        client=client,
        gemeente=gemeente,
        consulent=consulent,
        **{
            "ontvangen_op": dt.date(2016, 11, 1),
            "hulpvraag": "Hulp bij het huishouden",
            "status": MeldingStatus.AFGEROND,
            **(melding or {}),
        },
    )
    o = Onderzoek.objects.create(
        melding=m,
        client=client,
        consulent=consulent,
        **{"datum_gesprek": dt.date(2016, 11, 15), **(onderzoek or {})},
    )
    a = Aanvraag.objects.create(
        client=client,
        gemeente=gemeente,
        melding=m,
        onderzoek=o,
        ontvangen_op=dt.date(2016, 12, 1),
        status=AanvraagStatus.BESLOTEN,
    )
    b = Beschikking.objects.create(
        aanvraag=a,
        client=client,
        gemeente=gemeente,
        nummer=beschikkingnummer,
        besluit=Besluit.TOEGEKEND,
        consulent=consulent,
        **{"besluitdatum": dt.date(2016, 12, 10), "ingangsdatum": dt.date(2017, 1, 2), **(beschikking or {})},
    )
    br = BeschiktResultaat.objects.create(
        beschikking=b,
        resultaat=product.resultaat,
        product=product,
        **{"ingangsdatum": dt.date(2017, 1, 2), **(beschikt or {})},
    )
    toewijzing.beschikt_resultaat = br
    toewijzing.save()
    ToewijzingVersie.objects.create(toewijzing=toewijzing, **toewijzing.termen())
    return Toegangsketen(melding=m, onderzoek=o, aanvraag=a, beschikking=b, beschikt=br)
