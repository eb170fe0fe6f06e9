"""Provider isolation: bob (Thuiszorg Noord) must never see anything of charlie's client zeger (Zorg Zuid).

The test does not list pages by hand: it walks every URL pattern of the "web" and "api" namespaces
through Django's URL resolver, so that a page added later is covered without anyone remembering to.

- A pattern without arguments (a list, a dashboard, a form) is fetched and must show nothing of zeger:
  not his name, not his BSN, not his toewijzing number. Client lists must show noor.
- A pattern with a ``pk`` argument is fetched for every object of its model that belongs to zeger's
  chain (404, or a refusal that does not depend on the object) and for every object of noor's chain
  (200 where a provider may see that kind of record). Objects of reference data (organisations,
  catalogue) are fetched too: a page about charlie's organisation must not show charlie's clients.
- A pattern with another argument, or whose model cannot be found from its view, fails the test, unless
  it is on the commented exemption list below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.db import models
from django.shortcuts import resolve_url
from django.test import Client as WebClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from knox.models import AuthToken

from resultaat.bekostiging import services as bekostiging
from resultaat.bekostiging.models import Afrekenregel, Betaalbatch
from resultaat.catalogus.models import Subresultaat
from resultaat.clienten.models import Client
from resultaat.contracten.models import Contract
from resultaat.conversie.models import BestaandeIndicatie, Omzetronde, Omzetting, Scenario
from resultaat.core.audit.models import AuditEvent, ClientData
from resultaat.eigen_bijdrage.models import (
    CakBericht,
    CakBerichtSoort,
    CakMelding,
    Huisgenoot,
    IndividueleVrijstelling,
    MeldingSoort,
    Rol,
    Vrijstelling,
)
from resultaat.iwmo.models import (
    Bericht,
    BerichtStatus,
    DeclaratieRegel,
    Richting,
    Verzoek,
    VerzoekBron,
    VerzoekSoort,
)
from resultaat.kwaliteit.models import (
    Afname,
    Antwoord,
    Enquete,
    Klacht,
    KlachtCategorie,
    KlachtStap,
    Verzending,
)
from resultaat.ondersteuning.models import (
    Evaluatie,
    EvaluatieOordeel,
    Ondersteuningsplan,
    PlanActiviteit,
    PlanDoel,
    PlusAfspraak,
    PlusSoort,
    Regiegesprek,
    ResultaatBehaald,
    Signaal,
    SignaalSoort,
    SocialeKaartVoorziening,
)
from resultaat.sturing import services as sturing
from resultaat.sturing.models import AanbiederKengetal, Kengetal
from resultaat.toegang.models import (
    Aanvraag,
    Beschikking,
    BeschikkingBijlage,
    BeschiktResultaat,
    Indicatie,
    Melding,
    Onderzoek,
    OnderzoekResultaat,
    Opschorting,
    Termijnverlenging,
    VerlengingSoort,
    ZRMDomein,
    ZRMScore,
)
from resultaat.toewijzingen.models import Toewijzing
from resultaat.werklijst.models import WerklijstItem, WerklijstSoort
from tests import factories as f

NAMESPACES = ("web", "api")

# Kinds of record a provider never sees, even for its own clients: the gemeente's toegang files, its
# worklist and the audit trail. For these, noor's objects must be refused to bob as well.
NOT_FOR_PROVIDERS: frozenset[type[models.Model]] = frozenset(
    {
        Melding,
        Opschorting,
        Termijnverlenging,
        BeschikkingBijlage,
        Onderzoek,
        ZRMScore,
        OnderzoekResultaat,
        Aanvraag,
        WerklijstItem,
        AuditEvent,
    }
)

# Patterns with arguments that are not about one object of a model, as "namespace:name": reason.
# Keep this list short and say why each entry cannot show client data of another provider.
EXEMPT: dict[str, str] = {}

ZEGER_NUMMER = 87654321  # zeger's ToewijzingNummer: distinctive, so a leak cannot hide in other digits
NOOR_NUMMER = 12345678
BIG_PAGE = {"page_size": 1000}


# --- Two client chains: noor (bob's) and zeger (charlie's) -----------------------------------------------


def build_chain(client: Client, nummer: int, beschikkingnummer: str) -> dict[str, Any]:
    """Every kind of client record, for one client: toegang, beschikking, toewijzing, plan, signals."""
    naam = client.achternaam  # written into free text too, so that any leak of the row shows his name
    toewijzing = Toewijzing.objects.get(client=client)
    toewijzing.nummer = nummer
    toewijzing.save(update_fields=["nummer"])
    gemeente, aanbieder, product = client.gemeente, toewijzing.aanbieder, toewijzing.product
    toegang = f.toegangsketen(
        toewijzing,
        beschikkingnummer=beschikkingnummer,
        melding={"hulpvraag": f"{naam} vraagt hulp"},
        onderzoek={"situatie": f"{naam} woont alleen"},
        beschikking={"motivering": f"Toegekend aan {naam}"},
    )
    melding, onderzoek, aanvraag, beschikt = (
        toegang.melding,
        toegang.onderzoek,
        toegang.aanvraag,
        toegang.beschikt,
    )
    ZRMScore.objects.create(onderzoek=onderzoek, domein=ZRMDomein.HUISVESTING, niveau=3, toelichting=naam)
    OnderzoekResultaat.objects.create(onderzoek=onderzoek, resultaat=product.resultaat, anders_namelijk=naam)
    Opschorting.objects.create(
        client=client,
        melding=melding,
        van=dt.date(2016, 11, 5),
        tot=dt.date(2016, 11, 6),
        reden=f"{naam} weg",
    )
    # The decision term extended by a letter (Awb 4:14), the onderzoek term by agreement (Wmo 2.3.2).
    Termijnverlenging.objects.create(
        client=client,
        aanvraag=aanvraag,
        soort=VerlengingSoort.VERDAGING,
        op=dt.date(2016, 12, 9),
        oud_uiterlijk=dt.date(2016, 12, 15),
        nieuw_uiterlijk=dt.date(2016, 12, 29),
        reden=f"Advies over {naam} komt later",
        kenmerk=f"Wmo 2016-V{nummer % 10000:04d}",
    )
    Termijnverlenging.objects.create(
        client=client,
        melding=melding,
        soort=VerlengingSoort.AFSPRAAK,
        op=dt.date(2016, 12, 1),
        oud_uiterlijk=dt.date(2016, 12, 13),
        nieuw_uiterlijk=dt.date(2016, 12, 20),
        reden=f"{naam} is op vakantie",
        afspraak="telefonisch",
    )
    # An indicatie proposed under mandate by the client's own provider (seed 003).
    Indicatie.objects.create(
        aanvraag=aanvraag,
        client=client,
        resultaat=product.resultaat,
        product=product,
        ingangsdatum=dt.date(2017, 1, 2),
        mandaat_aanbieder=aanbieder,
        beschikt_resultaat=beschikt,
        motivering=f"Voorstel voor {naam}",
    )
    plan = Ondersteuningsplan.objects.create(
        toewijzing=toewijzing, opgesteld_op=dt.date(2017, 1, 20), toelichting=f"Plan met {naam}"
    )
    doel = PlanDoel.objects.create(plan=plan, doel=f"{naam} houdt het huis schoon")
    # The plan sent with the beschikking it is part of.
    BeschikkingBijlage.objects.create(
        beschikking=toegang.beschikking,
        soort="ondersteuningsplan",
        sleutel=plan.pk,
        omschrijving=f"het ondersteuningsplan van {naam}",
        verzonden_op=dt.date(2017, 1, 25),
    )
    PlanActiviteit.objects.create(doel=doel, wat="Stofzuigen", hoe_vaak="wekelijks")
    PlusAfspraak.objects.create(plan=plan, soort=PlusSoort.SIGNALERING, omschrijving=f"Let op {naam}")
    # The sociale kaart is the gemeente's, not a client's: both chains' plans connect to the same one.
    buurthuis, _ = SocialeKaartVoorziening.objects.get_or_create(gemeente=gemeente, naam="Buurthuis De Brug")
    PlusAfspraak.objects.create(
        plan=plan,
        soort=PlusSoort.VERBINDING,
        omschrijving=f"{naam} naar de koffieochtend",
        voorziening=buurthuis,
    )
    evaluatie = Evaluatie.objects.create(
        toewijzing=toewijzing,
        datum=dt.date(2017, 7, 1),
        resultaat_behaald=ResultaatBehaald.JA,
        toelichting=naam,
    )
    subresultaat, _ = Subresultaat.objects.get_or_create(
        code="isolatie-sub",
        defaults={
            "resultaat": toewijzing.product.resultaat,
            "omschrijving": "Het huis is schoon",
            "geldig_van": dt.date(2015, 1, 1),
        },
    )
    EvaluatieOordeel.objects.create(
        evaluatie=evaluatie, subresultaat=subresultaat, behaald=ResultaatBehaald.JA, toelichting=naam
    )
    Regiegesprek.objects.create(
        toewijzing=toewijzing, datum=dt.date(2017, 7, 1), deelnemers=naam, uitkomst=f"{naam} doet het goed"
    )
    signaal = Signaal.objects.create(
        client=client,
        aanbieder=aanbieder,
        toewijzing=toewijzing,
        soort=SignaalSoort.EENZAAMHEID,
        toelichting=f"{naam} is eenzaam",
        gemeld_op=timezone.now(),
    )
    WerklijstItem.objects.create(
        gemeente=gemeente,
        client=client,
        soort=WerklijstSoort.SIGNAAL,
        omschrijving=f"Signaal over {naam}",
        onderwerp=signaal,
    )
    # iWmo: a received 315 with its VOT waiting for an answer, and an approved 323 line.
    bericht = Bericht.objects.create(
        richting=Richting.IN,
        berichttype="WMO315",
        berichtcode="444",
        afzender=aanbieder.agb_code,
        ontvanger=gemeente.code,
        gemeente=gemeente,
        aanbieder=aanbieder,
        identificatie=f"T{nummer}",
        bestandsnaam=f"WMO315_{naam}.xml",
        sha256=f"{nummer:064d}",
        inhoud=f"<Bsn>{client.bsn}</Bsn>".encode(),
        status=BerichtStatus.GOEDGEKEURD,
    )
    Verzoek.objects.create(
        gemeente=gemeente,
        aanbieder=aanbieder,
        client=client,
        soort=VerzoekSoort.VOT,
        referentie_aanbieder=f"REF-{naam}",
        bericht=bericht,
        uiterlijk=dt.date(2017, 1, 9),
    )
    # The same request from the provider portal: no message, who asked and why.
    Verzoek.objects.create(
        gemeente=gemeente,
        aanbieder=aanbieder,
        client=client,
        soort=VerzoekSoort.VOW,
        bron=VerzoekBron.PORTAAL,
        referentie_aanbieder=f"PORTAAL-{naam}",
        producten=[{"ReferentieAanbieder": f"PORTAAL-{naam}", "TeWijzigenProducten": []}],
        toelichting=f"{naam} heeft meer hulp nodig",
        uiterlijk=dt.date(2017, 1, 9),
    )
    DeclaratieRegel.objects.create(
        bericht=bericht,
        aanbieder=aanbieder,
        client=client,
        toewijzing=toewijzing,
        referentienummer=f"P{nummer}",
        begindatum=dt.date(2017, 3, 1),
        einddatum=dt.date(2017, 3, 31),
        volume=1,
        bedrag_cent=21600,
        toegekend=True,
    )
    # Eigen bijdrage: the household, an exemption and what the CAK was told.
    Huisgenoot.objects.create(
        client=client,
        rol=Rol.PARTNER,
        naam=f"Partner van {naam}",
        geboortedatum=dt.date(1950, 1, 1),
        vanaf=dt.date(2000, 1, 1),
    )
    IndividueleVrijstelling.objects.create(
        client=client, reden=Vrijstelling.MINIMA, vanaf=dt.date(2017, 1, 1), toelichting=f"Minima {naam}"
    )
    cak_bericht = CakBericht.objects.create(
        gemeente=gemeente,
        soort=CakBerichtSoort.WMO405,
        referentie=f"405-{nummer}",
        periode=dt.date(2017, 1, 1),
        formaat="ieb-xml-1",
        bestandsnaam=f"WMO405_{nummer}.xml",
        inhoud=f"<Bsn>{client.bsn}</Bsn>",
    )
    CakMelding.objects.create(
        bericht=cak_bericht,
        client=client,
        referentie=f"405-{nummer}-1",
        soort=MeldingSoort.START,
        begindatum=dt.date(2017, 1, 2),
    )
    bestaande = BestaandeIndicatie.objects.create(
        client=client,
        gemeente=gemeente,
        product="HH1",
        uren_per_week=3,
        aanbieder=aanbieder,
        begindatum=dt.date(2015, 1, 1),
        besluitdatum=dt.date(2014, 12, 1),
    )
    scenario = Scenario.objects.create(
        gemeente=gemeente, naam=f"Omzetting {naam}", omzetdatum=dt.date(2017, 1, 2)
    )
    ronde = Omzetronde.objects.create(
        scenario=scenario, besluitdatum=dt.date(2016, 12, 1), ingangsdatum=dt.date(2017, 1, 2)
    )
    Omzetting.objects.create(
        ronde=ronde, indicatie=bestaande, client=client, beschikking=toegang.beschikking, brief=b"%PDF"
    )
    # Quality: an answered survey, a complaint with its handling and a worklist item about it.
    Enquete.objects.create(
        gemeente=gemeente,
        aanbieder=aanbieder,
        client=client,
        toewijzing=toewijzing,
        verzending=Verzending.BRIEF,
        verzonden_op=dt.date(2017, 6, 1),
        token_hash=f"{nummer:064d}",
        verloopt_op=timezone.now(),
        beantwoord_op=timezone.now(),
        afname=Afname.LINK,
        cijfer=7,
        resultaat=Antwoord.JA,
        toelichting=f"{naam} is tevreden",
    )
    klacht = Klacht.objects.create(
        gemeente=gemeente,
        aanbieder=aanbieder,
        client=client,
        ontvangen_op=dt.date(2017, 6, 1),
        categorie=KlachtCategorie.BEJEGENING,
        onderwerp=f"Klacht van {naam}",
        omschrijving=f"{naam} is boos",
        uiterlijk=dt.date(2017, 7, 13),
    )
    KlachtStap.objects.create(klacht=klacht, datum=dt.date(2017, 6, 2), omschrijving=f"Gebeld met {naam}")
    WerklijstItem.objects.create(
        gemeente=gemeente,
        client=client,
        soort=WerklijstSoort.KLACHT,
        omschrijving=f"Klacht over {naam}",
        onderwerp=klacht,
    )
    contract = f.ContractFactory(aanbieder=aanbieder, gemeenten=[gemeente])
    return {"toewijzing": toewijzing, "signaal": signaal, "contract": contract}


def build_bekostiging(gemeente: Any) -> None:
    """Settle and approve period 2017-P02: a line and a payment batch for each chain's provider; then the
    dashboards' figures of 2017 (a Kengetal row per provider and period)."""
    for product_id in Toewijzing.objects.filter(gemeente=gemeente).values_list("product_id", flat=True):
        f.TariefFactory(product_id=product_id)
    fenna = f.UserFactory(username="fenna", rol="financieel", gemeenten=[gemeente])
    frank = f.UserFactory(username="frank", rol="financieel", gemeenten=[gemeente])
    periode = bekostiging.zoek_periode(gemeente, "2017-P02")
    run = bekostiging.afrekenen(gemeente=gemeente, periode=periode, door=fenna).run
    bekostiging.keur_goed(run=run, door=frank)
    sturing.bijwerken(vanaf=dt.date(2016, 12, 1), gemeente_id=gemeente.pk)


@pytest.fixture
def chains(noor, zeger, noord, zuid, alice, bob, charlie, dora) -> Sides:
    build_chain(noor, NOOR_NUMMER, "B-NOOR-1")
    build_chain(zeger, ZEGER_NUMMER, "B-ZEGER-1")
    build_bekostiging(noor.gemeente)
    return Sides(noor=noor, zeger=zeger, noord_id=noord.pk, zuid_id=zuid.pk)


def leaks_of_zeger(zeger: Client, body: str) -> list[str]:
    found = [marker for marker in (zeger.achternaam, zeger.bsn) if marker in body]
    if re.search(rf"(?<!\d){ZEGER_NUMMER}(?!\d)", body):
        found.append(f"toewijzing {ZEGER_NUMMER}")
    return found


@dataclass(frozen=True)
class Sides:
    noor: Client
    zeger: Client
    noord_id: int
    zuid_id: int

    def of(self, obj: models.Model) -> str | None:
        """Whose chain an object belongs to: "zeger", "noor", or None for reference data."""
        if isinstance(obj, ClientData):
            client_id = obj.audit_client_id()
        elif isinstance(obj, AuditEvent):
            client_id = obj.client_id
        elif isinstance(obj, Afrekenregel):
            client_id = obj.client_id
        elif isinstance(obj, Contract | Betaalbatch | Bericht | Kengetal | AanbiederKengetal):
            return {self.zuid_id: "zeger", self.noord_id: "noor"}.get(obj.aanbieder_id)
        else:
            return None
        return {self.zeger.pk: "zeger", self.noor.pk: "noor"}.get(client_id)  # type: ignore[arg-type]


# --- Walking the URL resolver ----------------------------------------------------------------------------


@dataclass
class Pattern:
    namespace: str
    name: str | None
    route: str
    arguments: frozenset[str]
    callback: Any

    @property
    def label(self) -> str:
        return f"{self.namespace}:{self.name} ({self.route})"

    @property
    def view_class(self) -> Any:
        return getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)

    @property
    def model(self) -> type[models.Model] | None:
        cls = self.view_class
        if cls is None:
            return None
        model = getattr(cls, "model", None)
        if model is None:
            model = getattr(getattr(cls, "queryset", None), "model", None)
        return model

    @property
    def is_drf(self) -> bool:
        return getattr(self.callback, "cls", None) is not None and hasattr(
            self.callback.cls, "get_serializer"
        )

    def admits(self, user: Any) -> bool:
        """Does the view let this user's role in at all (rows aside)? Read from what the view declares:
        ``lees_rollen`` on an API viewset, ``rollen`` and ``secties`` (the role menu) on a web view."""
        cls = self.view_class
        if self.is_drf:
            rollen = getattr(cls, "lees_rollen", None)
            return rollen is None or user.rol in rollen
        if getattr(cls, "rollen", None) is not None and user.rol not in cls.rollen:
            return False
        secties = getattr(cls, "secties", ())
        if secties:
            from resultaat.core.navigation import mag

            return mag(user, *secties)
        return True

    def url(self, **kwargs: Any) -> str:
        return reverse(f"{self.namespace}:{self.name}", kwargs=kwargs or None)


def _arguments(pattern: Any) -> frozenset[str]:
    converters = getattr(pattern, "converters", None)
    if converters is not None and hasattr(pattern, "_route"):
        return frozenset(converters)
    regex = pattern.regex
    named = frozenset(regex.groupindex)
    return named if regex.groups == len(named) else named | {"<positional>"}


def walk(
    patterns: list[Any],
    namespaces: tuple[str, ...] = (),
    prefix: str = "",
    args: frozenset[str] = frozenset(),
) -> Iterator[Pattern]:
    for entry in patterns:
        arguments = args | _arguments(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern), arguments)
        elif isinstance(entry, URLPattern) and namespaces and namespaces[0] in NAMESPACES:
            yield Pattern(
                ":".join(namespaces), entry.name, prefix + str(entry.pattern), arguments, entry.callback
            )


def all_patterns() -> list[Pattern]:
    return list(walk(get_resolver().url_patterns))


def test_the_walk_finds_the_patterns_of_both_namespaces():
    found = {p.namespace for p in all_patterns()}
    assert set(NAMESPACES) <= found, found
    assert {"api:client-list", "api:client-detail", "api:toewijzing-detail"} <= {
        f"{p.namespace}:{p.name}" for p in all_patterns()
    }


def test_every_pattern_with_arguments_has_a_model_or_is_exempt():
    problems = []
    for pattern in all_patterns():
        if f"{pattern.namespace}:{pattern.name}" in EXEMPT:
            continue
        if pattern.name is None:
            problems.append(f"{pattern.label}: give the pattern a name so the test can reverse it")
        elif not pattern.arguments:
            continue
        elif pattern.arguments != {"pk"}:
            problems.append(
                f"{pattern.label}: arguments {sorted(pattern.arguments)}, only 'pk' is understood"
            )
        elif pattern.model is None:
            problems.append(f"{pattern.label}: no model on the view (set `model` or `queryset`)")
    assert not problems, "URL patterns the isolation test cannot check:\n" + "\n".join(problems)


def test_no_url_pattern_takes_a_bsn():
    for pattern in all_patterns():
        assert "bsn" not in pattern.route.lower(), pattern.label
        assert not any("bsn" in a.lower() for a in pattern.arguments), pattern.label


# --- The walk itself ---------------------------------------------------------------------------------


@dataclass
class Counts:
    lists: int = 0
    details: int = 0
    objects: int = 0
    patterns: list[str] = field(default_factory=list)


def walk_as_bob(http: WebClient, sides: Sides, bob: Any, namespaces: tuple[str, ...]) -> Counts:
    noor, zeger = sides.noor, sides.zeger
    counts = Counts()
    problems: list[str] = []
    uniform: dict[tuple[str, int], bool] = {}

    def refused_uniformly(pattern: Pattern, model: type[models.Model], status: int) -> bool:
        """A 403/405 is fine when a pk that does not exist gets the same answer: it reveals nothing."""
        key = (pattern.label, status)
        if key not in uniform:
            missing = (
                model._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
            ) + 10_000
            uniform[key] = status in (403, 405) and http.get(pattern.url(pk=missing)).status_code == status
        return uniform[key]

    login_url = resolve_url(settings.LOGIN_URL)

    def logged_out(response: Any) -> bool:
        """A redirect to the login page would make every later check pass without checking anything."""
        return response.status_code in (301, 302) and response["Location"].startswith(login_url)

    for pattern in all_patterns():
        if pattern.namespace not in namespaces or f"{pattern.namespace}:{pattern.name}" in EXEMPT:
            continue
        counts.patterns.append(f"{pattern.namespace}:{pattern.name}")
        if not pattern.arguments:
            counts.lists += 1
            response = http.get(pattern.url(), BIG_PAGE if pattern.is_drf else None)
            body = response.content.decode(errors="replace")
            if logged_out(response):
                problems.append(f"{pattern.label}: redirects bob to the login page")
            if leaks := leaks_of_zeger(zeger, body):
                problems.append(f"{pattern.label} [{response.status_code}] shows zeger: {leaks}")
            if pattern.model is Client and response.status_code == 200 and noor.achternaam not in body:
                problems.append(f"{pattern.label}: client list without bob's client noor")
            if (
                pattern.is_drf
                and response.status_code == 200
                and issubclass(pattern.model or object, ClientData)
            ):
                problems += _check_api_list(pattern, response.json(), bob, sides)
            continue
        model = pattern.model
        assert model is not None and pattern.arguments == {"pk"}, pattern.label  # see the test above
        counts.details += 1
        seen_zeger = False
        for obj in model._default_manager.order_by("pk"):
            side = sides.of(obj)
            counts.objects += 1
            response = http.get(pattern.url(pk=obj.pk))
            status = response.status_code
            where = f"{pattern.label} {model.__name__} {obj.pk} ({side or 'reference data'})"
            if logged_out(response):
                problems.append(f"{where}: redirects bob to the login page")
            if side is None:
                # Reference data (catalogue, organisations) may be open to bob, but a page about
                # charlie's organisation must not show charlie's clients.
                if leaks := leaks_of_zeger(zeger, response.content.decode(errors="replace")):
                    problems.append(f"{where}: shows zeger: {leaks}")
            elif side == "zeger":
                seen_zeger = True
                if status != 404 and not refused_uniformly(pattern, model, status):
                    problems.append(f"{where}: status {status}, expected 404")
                if leaks := leaks_of_zeger(zeger, response.content.decode(errors="replace")):
                    problems.append(f"{where}: shows zeger: {leaks}")
            elif model in NOT_FOR_PROVIDERS or not pattern.admits(bob):
                if status != 404 and not refused_uniformly(pattern, model, status):
                    problems.append(f"{where}: status {status}, but bob may not open this page or model")
            elif status != 200 and not (status == 405 and refused_uniformly(pattern, model, status)):
                problems.append(f"{where}: status {status}, expected 200 for bob's own client")
        if not seen_zeger and (
            issubclass(model, ClientData)
            or model in (AuditEvent, Contract, Afrekenregel, Betaalbatch, Bericht)
        ):
            problems.append(f"{pattern.label}: build_chain() makes no {model.__name__} for zeger; extend it")
    assert not problems, "Provider isolation broken:\n" + "\n".join(problems)
    return counts


def _check_api_list(pattern: Pattern, body: dict[str, Any], bob: Any, sides: Sides) -> list[str]:
    """An API list of client data holds exactly the rows ``for_user(bob)`` allows, none of zeger's."""
    model = pattern.model
    assert model is not None
    if body.get("next"):
        return [f"{pattern.label}: more than one page in the test; raise BIG_PAGE"]
    ids = {row["id"] for row in body["results"]}
    allowed = set(model._default_manager.for_user(bob).values_list("pk", flat=True))  # type: ignore[attr-defined]
    zegers = {o.pk for o in model._default_manager.all() if sides.of(o) == "zeger"}
    problems = []
    if ids != allowed:
        problems.append(f"{pattern.label}: ids {sorted(ids)} but for_user(bob) allows {sorted(allowed)}")
    if ids & zegers:
        problems.append(f"{pattern.label}: lists zeger's {model.__name__} {sorted(ids & zegers)}")
    return problems


def _report(capsys: Any, what: str, counts: Counts) -> None:
    with capsys.disabled():
        print(
            f"\nisolation walk {what}: {counts.lists + counts.details} patterns "
            f"({counts.lists} without arguments, {counts.details} with pk; {counts.objects} object URLs): "
            + ", ".join(counts.patterns)
        )


def test_bob_sees_nothing_of_zeger_on_any_web_page(chains, bob, capsys):
    http = WebClient()
    http.force_login(bob)
    counts = walk_as_bob(http, chains, bob, ("web",))
    _report(capsys, "web (session)", counts)
    assert counts.lists >= 1


def test_bob_sees_nothing_of_zeger_in_the_api_with_a_session(chains, bob, capsys):
    http = WebClient()
    http.force_login(bob)
    counts = walk_as_bob(http, chains, bob, ("api",))
    _report(capsys, "api (session)", counts)
    assert counts.details >= 15


def test_bob_sees_nothing_of_zeger_in_the_api_with_a_token(chains, bob, capsys):
    _, token = AuthToken.objects.create(user=bob)
    http = WebClient(HTTP_AUTHORIZATION=f"Token {token}")
    counts = walk_as_bob(http, chains, bob, ("api",))
    _report(capsys, "api (token)", counts)
    assert counts.details >= 15


def test_the_chains_reach_every_kind_of_client_record(chains):
    """build_chain() must keep up with the model: every client-data model has a row for zeger."""
    from django.apps import apps

    zeger = chains.zeger
    missing = [
        m.__name__
        for m in apps.get_models()
        if issubclass(m, ClientData)
        and not any(o.audit_client_id() == zeger.pk for o in m._default_manager.all())
    ]
    assert not missing, f"extend build_chain() with: {missing}"


def test_bob_sees_noors_chain_but_only_his_results_of_a_shared_beschikking(chains, bob, zuid):
    """A beschikking bob delivers under shows only the results he delivers, not another provider's."""
    noor = chains.noor
    beschikking = Beschikking.objects.get(client=noor)
    anders = BeschiktResultaat.objects.create(
        beschikking=beschikking,
        resultaat=beschikking.resultaten.first().resultaat,
        product=beschikking.resultaten.first().product,
        ingangsdatum=dt.date(2017, 1, 2),
    )
    f.ToewijzingFactory(client=noor, aanbieder=zuid, beschikt_resultaat=anders, nummer=55555555)
    http = WebClient()
    http.force_login(bob)
    body = http.get(f"/api/v1/beschikkingen/{beschikking.pk}/").json()
    assert anders.pk not in {r["id"] for r in body["resultaten"]}
    assert len(body["resultaten"]) == 1
