"""The satisfaction survey: sending it (letter with a QR code, or e-mail), answering it through its
link, and staff recording the answers taken by phone or at a home visit.

Only the hash of a link's code is stored. The code itself exists once: in the letter or e-mail made by
:func:`verstuur`, which hands it back to the caller. The answers are the resident's: once given they
are never changed, by anyone (:func:`beantwoord_via_link` and :func:`leg_antwoorden_vast` refuse it);
provider staff may read their own surveys and record nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.utils import timezone

from resultaat.core.audit.context import acting_as
from resultaat.core.codes import WMO002RedenWijziging
from resultaat.core.opmaak import datum as datum_tekst
from resultaat.core.rollen import Rol
from resultaat.kwaliteit.models import Aanleiding, Afname, Antwoord, Enquete, Verzending
from resultaat.kwaliteit.services.brief import pdf_van_brieven
from resultaat.toewijzingen.models import Levering, ReactieAanbieder, Toewijzing

# The code's letters: no 0/O, 1/I/L, so that a resident can type it from the letter without doubt.
ALFABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTE = 16  # 31^16: about 79 bits
ONBRUIKBAAR = "Deze link is al gebruikt of is verlopen."


def maak_code() -> str:
    """A new random code, in groups of four: ``K7QM-X3PA-...``."""
    tekens = "".join(secrets.choice(ALFABET) for _ in range(CODE_LENGTE))
    return "-".join(tekens[i : i + 4] for i in range(0, CODE_LENGTE, 4))


def normaliseer(code: str) -> str:
    """A code as typed (lower case, spaces, dashes) to its plain form."""
    return "".join(t for t in (code or "").upper() if t.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normaliseer(code).encode()).hexdigest()


def link_voor(code: str) -> str:
    """The public address of the survey with its code (the code in the query, not the path, so that
    the web server's access log, which writes the path only, never holds it)."""
    return f"{settings.RESULTAAT_ENQUETE_BASIS_URL}/enquete/?code={code}"


@dataclass(frozen=True)
class Antwoorden:
    """The standard questions and the open answer."""

    cijfer: int
    resultaat: str
    respect: str
    betrouwbaar: str
    aanraden: str
    toelichting: str = ""

    def controleer(self) -> None:
        fouten: dict[str, str] = {}
        if not isinstance(self.cijfer, int) or not 1 <= self.cijfer <= 10:
            fouten["cijfer"] = "Kies een cijfer van 1 tot en met 10."
        for veld in ("resultaat", "respect", "betrouwbaar", "aanraden"):
            if getattr(self, veld) not in Antwoord.values:
                fouten[veld] = "Kies een antwoord."
        if len(self.toelichting or "") > 2000:
            fouten["toelichting"] = "Hoogstens 2000 tekens."
        if fouten:
            raise ValidationError(fouten)

    def zet_op(self, enquete: Enquete) -> None:
        enquete.cijfer = self.cijfer
        enquete.resultaat = self.resultaat
        enquete.respect = self.respect
        enquete.betrouwbaar = self.betrouwbaar
        enquete.aanraden = self.aanraden
        enquete.toelichting = (self.toelichting or "").strip()


# Who sends surveys and records answers for the gemeente: the consulent and the contract manager.
ENQUETE_ROLLEN = frozenset({Rol.CONSULENT, Rol.CONTRACTMANAGER})


def _is_gemeente_van(door: Any, gemeente_id: int) -> bool:
    if getattr(door, "is_superuser", False):
        return True
    return getattr(door, "rol", None) in ENQUETE_ROLLEN and door.gemeenten.filter(pk=gemeente_id).exists()


def _controleer_toewijzing(toewijzing: Toewijzing) -> None:
    if toewijzing.reactie == ReactieAanbieder.GERETOURNEERD:
        raise ValidationError(
            "De aanbieder heeft deze toewijzing teruggegeven: er is geen ondersteuning om te beoordelen."
        )
    if not Levering.objects.filter(toewijzing=toewijzing, verwijderd=False).exists():
        raise ValidationError(
            "De ondersteuning is nog niet begonnen: vraag pas naar de tevredenheid als die loopt."
        )


# --- Versturen --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verstuurd:
    enquete: Enquete
    code: str  # only here: the caller puts it in the letter or e-mail and keeps it nowhere else
    brief: bytes | None = None  # the PDF, for a letter


def verstuur(
    *,
    toewijzing: Toewijzing,
    verzending: str,
    door: Any = None,
    aanleiding: str = Aanleiding.HANDMATIG,
    nu: dt.datetime | None = None,
    met_brief: bool = True,
) -> Verstuurd:
    """Send a survey about one toewijzing, by letter (the PDF is returned) or by e-mail (sent now).

    ``door`` is the staff member (None for the daily command). Refused: a provider's user, a survey
    while another one about the same toewijzing is still open, support that has not started, an
    e-mail to a client without an address. ``met_brief=False`` leaves the PDF to the caller (the daily
    run prints all its letters in one file).
    """
    if door is not None and not _is_gemeente_van(door, toewijzing.gemeente_id):
        raise PermissionDenied("Alleen de gemeente van de cliënt verstuurt een tevredenheidsonderzoek.")
    if verzending not in (Verzending.BRIEF, Verzending.EMAIL):
        raise ValidationError({"verzending": "Kies brief of e-mail."})
    _controleer_toewijzing(toewijzing)
    client = toewijzing.client
    if verzending == Verzending.EMAIL and not client.email:
        raise ValidationError(
            {"verzending": "Van deze cliënt is geen e-mailadres bekend: verstuur een brief."}
        )
    nu = nu or timezone.now()
    with transaction.atomic(), acting_as(door if door is not None else "enquetes_versturen"):
        # One open survey per toewijzing at a time (the row lock keeps two clicks from sending two).
        Toewijzing.objects.select_for_update().filter(pk=toewijzing.pk).first()
        if Enquete.objects.filter(toewijzing=toewijzing).open_op(nu).exists():
            raise ValidationError("Er staat al een tevredenheidsonderzoek open voor deze toewijzing.")
        code = maak_code()
        enquete = Enquete.objects.create(
            gemeente_id=toewijzing.gemeente_id,
            aanbieder_id=toewijzing.aanbieder_id,
            client=client,
            toewijzing=toewijzing,
            aanleiding=aanleiding,
            verzending=verzending,
            verzonden_op=timezone.localdate(nu),
            verzonden_door=door if getattr(door, "pk", None) else None,
            token_hash=code_hash(code),
            verloopt_op=nu + dt.timedelta(weeks=settings.RESULTAAT_ENQUETE_GELDIG_WEKEN),
        )
        if verzending == Verzending.EMAIL:
            _mail(enquete, code)
            return Verstuurd(enquete, code)
    return Verstuurd(enquete, code, brief=brief_pdf(enquete, code) if met_brief else None)


def _mail(enquete: Enquete, code: str) -> None:
    context = _brief_context(enquete, code)
    send_mail(
        subject=f"Wat vindt u van uw ondersteuning? Gemeente {enquete.gemeente.naam}",
        message=render_to_string("kwaliteit/enquete_mail.txt", context),
        from_email=None,
        recipient_list=[enquete.client.email],
    )


def _brief_context(enquete: Enquete, code: str) -> dict[str, Any]:
    assert enquete.verloopt_op is not None
    return {
        "aanbieder": enquete.aanbieder.naam,
        "gemeente_naam": enquete.gemeente.naam,
        "link": link_voor(code),
        "adres": f"{settings.RESULTAAT_ENQUETE_BASIS_URL}/enquete/",
        "code": code,
        "tot": datum_tekst(timezone.localdate(enquete.verloopt_op)),
    }


def brief_pdf(enquete: Enquete, code: str) -> bytes:
    """The invitation letter in the gemeente's letter layout, with the link and its QR code."""
    return brieven_pdf([(enquete, code)])


def brieven_pdf(enquetes: list[tuple[Enquete, str]]) -> bytes:
    """Several invitation letters in one PDF (for the print service), each starting on a new page."""
    return pdf_van_brieven([(enquete, _brief_context(enquete, code)) for enquete, code in enquetes])


# --- Beantwoorden -----------------------------------------------------------------------------------------


def sleutel(code: str) -> str | None:
    """The stored form of a code (its hash), or None for input that cannot be a code at all."""
    return code_hash(code) if len(normaliseer(code)) == CODE_LENGTE else None


def open_enquete(
    code: str = "", nu: dt.datetime | None = None, *, token_hash: str | None = None
) -> Enquete | None:
    """The survey a code (or its hash, as the answer page keeps it) opens, or None when it is unknown,
    used or expired: all three look the same to the caller."""
    token_hash = token_hash or sleutel(code)
    if not token_hash:
        return None
    return (
        Enquete.objects.filter(token_hash=token_hash)
        .open_op(nu or timezone.now())
        .select_related("aanbieder", "gemeente")
        .first()
    )


def beantwoord_via_link(
    *, antwoorden: Antwoorden, code: str = "", token_hash: str | None = None, nu: dt.datetime | None = None
) -> Enquete:
    """The resident answers through the link: once, before it expires. Afterwards the link is used."""
    antwoorden.controleer()
    nu = nu or timezone.now()
    token_hash = token_hash or sleutel(code)
    with transaction.atomic():
        enquete = (
            Enquete.objects.select_for_update().filter(token_hash=token_hash).open_op(nu).first()
            if token_hash
            else None
        )
        if enquete is None:
            raise ValidationError(ONBRUIKBAAR)
        antwoorden.zet_op(enquete)
        enquete.afname = Afname.LINK
        enquete.beantwoord_op = nu
        enquete.save()
    return enquete


def leg_antwoorden_vast(
    *,
    door: Any,
    afname: str,
    antwoorden: Antwoorden,
    toewijzing: Toewijzing | None = None,
    enquete: Enquete | None = None,
    datum: dt.date | None = None,
    nu: dt.datetime | None = None,
) -> Enquete:
    """Gemeente staff record the answers a resident gave by phone or at a home visit: on an open survey
    (its link stops working) or as a new survey about the toewijzing. The staff member is recorded."""
    if enquete is None and toewijzing is None:
        raise ValidationError("Kies de toewijzing of het openstaande onderzoek.")
    gemeente_id = enquete.gemeente_id if enquete is not None else toewijzing.gemeente_id  # type: ignore[union-attr]
    if getattr(door, "is_aanbieder_user", False) or not _is_gemeente_van(door, gemeente_id):
        raise PermissionDenied("De antwoorden zijn van de inwoner: alleen de gemeente legt ze vast.")
    if afname not in (Afname.TELEFOON, Afname.HUISBEZOEK):
        raise ValidationError(
            {"afname": "Kies hoe de vragen zijn gesteld: telefonisch of bij een huisbezoek."}
        )
    antwoorden.controleer()
    nu = nu or timezone.now()
    datum = datum or timezone.localdate(nu)
    if datum > timezone.localdate(nu):
        raise ValidationError({"datum": "De datum kan niet in de toekomst liggen."})
    with transaction.atomic(), acting_as(door):
        if enquete is not None:
            enquete = Enquete.objects.select_for_update().get(pk=enquete.pk)
            if enquete.beantwoord_op is not None:
                raise ValidationError(
                    "Dit onderzoek is al beantwoord. De antwoorden van de inwoner veranderen niet."
                )
        else:
            assert toewijzing is not None
            _controleer_toewijzing(toewijzing)
            enquete = Enquete(
                gemeente_id=toewijzing.gemeente_id,
                aanbieder_id=toewijzing.aanbieder_id,
                client_id=toewijzing.client_id,
                toewijzing=toewijzing,
                aanleiding=Aanleiding.HANDMATIG,
                verzending=Verzending.GEEN,
                verzonden_op=datum,
                verzonden_door=door,
            )
        antwoorden.zet_op(enquete)
        enquete.afname = afname
        enquete.ingevoerd_door = door
        enquete.beantwoord_op = nu
        enquete.save()
    return enquete


# --- De dagelijkse verzending -----------------------------------------------------------------------------

EINDE_BINNEN_DAGEN = 28  # a survey goes out within four weeks after the end evaluation
EIND_EVALUATIE = "einde"  # the moment of an end evaluation (ondersteuning.EvaluatieMoment.EINDE)
JAAR = dt.timedelta(days=365)


@dataclass(frozen=True)
class Dagverzending:
    per_email: int
    brieven: list[tuple[Enquete, str]]
    overgeslagen: int

    @property
    def per_brief(self) -> int:
        return len(self.brieven)


def te_enqueteren(datum: dt.date) -> list[tuple[Toewijzing, str]]:
    """Who gets a survey on ``datum``: support that ended, once (aanleiding "einde"), after its end
    evaluation so that the resident is asked about the whole of it: within four weeks after the end
    evaluation (or the end date, when the evaluation came first); without an end evaluation, four weeks
    after the end date (within the next four weeks). And support running for a year or more without a
    survey in the last year ("jaarlijks").
    Only delivered support (a start was reported), not returned, and no client who died."""
    geleverd = Levering.objects.filter(toewijzing=OuterRef("pk"), verwijderd=False)
    basis = (
        Toewijzing.objects.filter(Exists(geleverd), client__overlijdensdatum__isnull=True)
        .exclude(reactie=ReactieAanbieder.GERETOURNEERD)
        .exclude(reden_wijziging=WMO002RedenWijziging.VERWIJDERD)
        .select_related("client", "gemeente", "aanbieder")
        .order_by("pk")
    )
    binnen = dt.timedelta(days=EINDE_BINNEN_DAGEN)
    # The first end evaluation (its model found through the relation: evaluations are another component's).
    evaluatie = Toewijzing._meta.get_field("evaluaties").related_model
    eind_evaluatie = (
        evaluatie._default_manager.filter(toewijzing=OuterRef("pk"), moment=EIND_EVALUATIE)  # type: ignore[union-attr]
        .order_by("datum")
        .values("datum")[:1]
    )
    einde = (
        basis.filter(einddatum__lt=datum)
        .annotate(geevalueerd=Subquery(eind_evaluatie))
        .annotate(moment=Greatest("einddatum", "geevalueerd"))
        .filter(
            # After the end evaluation, once the support has ended: within four weeks of the later of both.
            Q(geevalueerd__isnull=False, geevalueerd__lt=datum, moment__gte=datum - binnen)
            # Without an end evaluation: four weeks after the end date, within the next four weeks.
            | Q(geevalueerd__isnull=True, einddatum__gte=datum - 2 * binnen, einddatum__lt=datum - binnen)
        )
        .exclude(Exists(Enquete.objects.filter(toewijzing=OuterRef("pk"), aanleiding=Aanleiding.EINDE)))
    )
    jaarlijks = (
        basis.filter(ingangsdatum__lte=datum - JAAR)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=datum))
        .exclude(Exists(Enquete.objects.filter(toewijzing=OuterRef("pk"), verzonden_op__gt=datum - JAAR)))
    )
    return [(t, Aanleiding.EINDE) for t in einde] + [(t, Aanleiding.JAARLIJKS) for t in jaarlijks]


def verstuur_periodiek(*, datum: dt.date | None = None, hoogstens: int = 500) -> Dagverzending:
    """Send the day's surveys (:func:`te_enqueteren`), by e-mail where the client has an address and
    by letter otherwise; at most ``hoogstens`` per run, the rest follows on the next days. The letters
    are returned with their codes for one PDF (:func:`brieven_pdf`)."""
    datum = datum or timezone.localdate()
    nu = timezone.now()
    per_email, brieven, overgeslagen = 0, [], 0
    for toewijzing, aanleiding in te_enqueteren(datum)[:hoogstens]:
        verzending = Verzending.EMAIL if toewijzing.client.email else Verzending.BRIEF
        try:
            verstuurd = verstuur(
                toewijzing=toewijzing, verzending=verzending, aanleiding=aanleiding, nu=nu, met_brief=False
            )
        except ValidationError:
            overgeslagen += 1  # e.g. a survey about it is still open
            continue
        if verzending == Verzending.EMAIL:
            per_email += 1
        else:
            brieven.append((verstuurd.enquete, verstuurd.code))
    return Dagverzending(per_email=per_email, brieven=brieven, overgeslagen=overgeslagen)
