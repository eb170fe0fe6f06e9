"""Read the iWmo 3.2 rules (bronnen: technische regels, condities/constraints, bedrijfsregels) into
``iwmo/regelboek.json``, or print the conformance table of ``docs/iwmo.md``.

``python manage.py iwmo_regelboek --bronnen ../shared/iwmo-3.2/bronnen`` rewrites the JSON (the official
text, retour code and messages of every rule) and ``iwmo/retourcodes.json`` (code list WJ001: every
retour code with its official meaning); ``--tabel`` prints the table generated from the JSON and
:mod:`resultaat.iwmo.regelboek` (where each rule is checked, or why it is not)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from resultaat.iwmo import regelboek


def _sectie(tekst: str, kop: str) -> str:
    m = re.search(rf"^## {kop}\s*\n(.*?)(?=^---|^## |\Z)", tekst, re.M | re.S)
    return " ".join(r.strip() for r in m.group(1).splitlines() if r.strip()) if m else ""


def _tr(pad: Path) -> dict[str, Any]:
    tekst = pad.read_text(encoding="utf-8")
    definitie = re.sub(r"^TR\d+:\s*", "", _sectie(tekst, "Definitie"))
    retour = re.search(r"\| Retourcode \| *([^|]*?) *\|", tekst)
    niveau = re.search(r"\| Controleniveau \| *([^|]*?) *\|", tekst)
    code = retour.group(1) if retour else ""
    return {
        "id": pad.stem,
        "soort": "TR",
        "tekst": definitie,
        "retourcode": "" if code in ("", "n.v.t.") else code,
        "berichten": sorted(set(re.findall(r"WMO\d{3}", _sectie(tekst, "Gebruik in berichten")))),
        "controleniveau": niveau.group(1) if niveau else "",
    }


def _op(pad: Path) -> dict[str, Any]:
    tekst = pad.read_text(encoding="utf-8")
    titel = tekst.splitlines()[0]
    return {
        "id": pad.stem,
        "soort": "OP",
        "tekst": re.sub(r"^(#?\s*OP\w+\s*[-—]\s*)+", "", titel).strip(),
        "retourcode": "",
        "berichten": sorted(set(re.findall(r"WMO\d{3}", _sectie(tekst, "Berichttype")))),
        "controleniveau": "bedrijfsregel",
    }


def _cd_cs(pad: Path) -> list[dict[str, Any]]:
    regels: dict[str, dict[str, Any]] = {}
    for regel in pad.read_text(encoding="utf-8").splitlines():
        cellen = [c.strip() for c in regel.strip().strip("|").split("|")]
        if len(cellen) < 10 or not re.fullmatch(r"C[DS]\d{3}", cellen[7]):
            continue
        r = regels.setdefault(
            cellen[7],
            {
                "id": cellen[7],
                "soort": cellen[7][:2],
                "tekst": cellen[8],
                "retourcode": cellen[10] if len(cellen) > 10 else "",
                "berichten": [],
                "controleniveau": cellen[9].lower(),
            },
        )
        if cellen[0] not in r["berichten"]:
            r["berichten"].append(cellen[0])
    return list(regels.values())


def lees_retourcodes(bronnen: Path) -> dict[str, str]:
    """Code list WJ001: every retour code with its official meaning."""
    tekst = (bronnen / "codelijsten" / "WJ001_Retourcode.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| ([0-9A-Z]\d{3}) \| (.+?) \|", tekst, re.M))


def lees_bronnen(bronnen: Path) -> list[dict[str, Any]]:
    regels = [_tr(p) for p in sorted((bronnen / "regels" / "technische-regels").glob("*/TR*"))]
    regels += [_op(p) for p in sorted((bronnen / "regels" / "bedrijfsregels").glob("OP*.md"))]
    for p in (bronnen / "regels" / "condities-constraints").iterdir():
        regels += _cd_cs(p)
    return sorted(regels, key=lambda r: (r["soort"], r["id"]))


class Command(BaseCommand):
    help = "Lees de iWmo-regels uit de bronnen in, of druk de conformiteitstabel af."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bronnen", type=Path, help="map bronnen/ van iWmo 3.2")
        parser.add_argument("--tabel", action="store_true", help="de tabel voor docs/iwmo.md")

    def handle(self, *args: Any, **opties: Any) -> None:
        if opties["bronnen"]:
            regels = lees_bronnen(opties["bronnen"])
            regelboek.BESTAND.write_text(
                json.dumps(regels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            self.stdout.write(f"{len(regels)} regels geschreven naar {regelboek.BESTAND.name}")
            codes = lees_retourcodes(opties["bronnen"])
            regelboek.RETOURCODES_BESTAND.write_text(
                json.dumps(codes, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            self.stdout.write(
                f"{len(codes)} retourcodes geschreven naar {regelboek.RETOURCODES_BESTAND.name}"
            )
        if opties["tabel"]:
            self.stdout.write(regelboek.tabel())
