"""The gemeente's bank details (payer in SEPA files), changed by four eyes, audited.

A beheerder proposes new details (``stel_voor``); they take effect when a second person confirms them
(``bevestig``). Both write a named audit event with the IBANs masked. A run records the details at its
approval (``leg_vast_bij_goedkeuring``), so a later change never alters an approved payment.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resultaat.bekostiging.gebeurtenissen import (
    BETAALGEGEVENS_GEWIJZIGD,
    BETAALGEGEVENS_INGETROKKEN,
    BETAALGEGEVENS_VOORGESTELD,
)
from resultaat.bekostiging.models import Afrekenrun, BetaalInstelling
from resultaat.core.audit.context import acting_as
from resultaat.core.audit.gebeurtenissen import leg_vast
from resultaat.core.validators import validate_iban
from resultaat.organisaties.models import Gemeente, masker_iban

VOORSTEL = ("voorstel_naam", "voorstel_iban", "voorstel_bic", "voorstel_initiatiefnemer")
HUIDIG = ("naam", "iban", "bic", "initiatiefnemer")


def _mag_beheren(door: Any, gemeente: Gemeente) -> None:
    if door is None or not getattr(door, "pk", None):
        raise ValidationError("Betaalgegevens worden gewijzigd door een medewerker met een eigen account.")
    if door.is_superuser:
        return
    if door.rol != "beheerder" or not door.gemeenten.filter(pk=gemeente.pk).exists():
        raise ValidationError(f"Alleen een beheerder van {gemeente.naam} wijzigt haar betaalgegevens.")


def controleer(naam: str, iban: str, bic: str) -> tuple[str, str, str]:
    """The proposed holder, IBAN and BIC, normalised; a ValidationError per field when wrong."""
    fouten: dict[str, list[str]] = {}
    naam = (naam or "").strip()
    if not naam:
        fouten["voorstel_naam"] = ["Vul de naam van de rekeninghouder in."]
    iban = (iban or "").replace(" ", "").upper()
    try:
        validate_iban(iban)
    except ValidationError as e:
        fouten["voorstel_iban"] = e.messages
    bic = (bic or "").replace(" ", "").upper()
    if len(bic) not in (8, 11) or not bic.isalnum() or not bic[:6].isalpha():
        fouten["voorstel_bic"] = ["Een BIC heeft 8 of 11 tekens, waarvan de eerste 6 letters."]
    if fouten:
        raise ValidationError(fouten)
    return naam, iban, bic


def stel_voor(
    *, gemeente: Gemeente, naam: str, iban: str, bic: str, initiatiefnemer: str = "", door: Any
) -> BetaalInstelling:
    """Propose new bank details; the current ones stay in use until a second person confirms."""
    _mag_beheren(door, gemeente)
    naam, iban, bic = controleer(naam, iban, bic)
    with transaction.atomic(), acting_as(door):
        inst, _ = BetaalInstelling.objects.select_for_update().get_or_create(gemeente=gemeente)
        if (naam, iban, bic, initiatiefnemer.strip()) == (
            inst.naam,
            inst.iban,
            inst.bic,
            inst.initiatiefnemer,
        ):
            raise ValidationError("Dit zijn al de betaalgegevens van de gemeente.")
        inst.voorstel_naam, inst.voorstel_iban, inst.voorstel_bic = naam, iban, bic
        inst.voorstel_initiatiefnemer = initiatiefnemer.strip()
        inst.voorgesteld_door, inst.voorgesteld_op = door.get_username(), timezone.now()
        inst.save()
        leg_vast(
            BETAALGEGEVENS_VOORGESTELD,
            inst,
            gemeente=gemeente.naam,
            naam=naam,
            oud=masker_iban(inst.iban),
            nieuw=masker_iban(iban),
        )
    return inst


def bevestig(*, instelling: BetaalInstelling, door: Any) -> BetaalInstelling:
    """A second person confirms the proposed details: runs approved from now on pay from them."""
    _mag_beheren(door, instelling.gemeente)
    with transaction.atomic(), acting_as(door):
        inst = BetaalInstelling.objects.select_for_update().select_related("gemeente").get(pk=instelling.pk)
        bezwaar = inst.bevestiging_bezwaar(door)
        if bezwaar:
            raise ValidationError(bezwaar)
        oud, voorsteller = inst.iban, inst.voorgesteld_door
        for huidig, voorstel in zip(HUIDIG, VOORSTEL, strict=True):
            setattr(inst, huidig, getattr(inst, voorstel))
            setattr(inst, voorstel, "")
        inst.voorgesteld_door, inst.voorgesteld_op = "", None
        inst.save()
        leg_vast(
            BETAALGEGEVENS_GEWIJZIGD,
            inst,
            gemeente=inst.gemeente.naam,
            naam=inst.naam,
            oud=masker_iban(oud),
            nieuw=masker_iban(inst.iban),
            voorgesteld_door=voorsteller,
        )
    return inst


def trek_in(*, instelling: BetaalInstelling, door: Any) -> BetaalInstelling:
    _mag_beheren(door, instelling.gemeente)
    with transaction.atomic(), acting_as(door):
        inst = BetaalInstelling.objects.select_for_update().select_related("gemeente").get(pk=instelling.pk)
        if not inst.heeft_voorstel:
            raise ValidationError("Er zijn geen voorgestelde betaalgegevens om in te trekken.")
        nieuw = inst.voorstel_iban
        for voorstel in VOORSTEL:
            setattr(inst, voorstel, "")
        inst.voorgesteld_door, inst.voorgesteld_op = "", None
        inst.save()
        leg_vast(BETAALGEGEVENS_INGETROKKEN, inst, gemeente=inst.gemeente.naam, nieuw=masker_iban(nieuw))
    return inst


def leg_vast_bij_goedkeuring(run: Afrekenrun) -> None:
    """Record on ``run`` the gemeente's confirmed bank details (none yet: left empty; the SEPA file then
    asks for them)."""
    inst = BetaalInstelling.objects.filter(gemeente_id=run.gemeente_id).first()
    if inst is None or not inst.bevestigd:
        return
    run.betaler_naam, run.betaler_iban, run.betaler_bic = inst.naam, inst.iban, inst.bic
    run.betaler_initiatiefnemer = inst.initiatiefnemer
    run.save(update_fields=["betaler_naam", "betaler_iban", "betaler_bic", "betaler_initiatiefnemer"])
