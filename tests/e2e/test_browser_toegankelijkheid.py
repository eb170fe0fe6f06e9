"""Every main page of every role passes an automated accessibility check (axe-core, WCAG 2.1 A and AA).

The demo region is built in the test database; then each demo role logs in once and the browser walks
its pages the way a user does: the start page, every menu item, and from there one page of each kind
that is linked (a client, a toewijzing, a beschikking with its letter, a form). axe-core from npm checks
every page; any "serious" or "critical" finding fails the test, listed per page with the elements and
what is wrong. The start page of each role is saved at 1280 px and 390 px into var/screenshots/
(`make screenshots` copies them into docs/screenshots/ for the user guide).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmarks, one main heading, ...).
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ERNSTIG = {"serious", "critical"}
DEMO_CLIENTEN = 40
# The demo roles and their login; the provider is one of the demo's providers.
ROLLEN = {
    "consulent": "consulent",
    "contractmanager": "contractmanager",
    "financieel": "financieel",
    "beheerder": "beheerder",
    "auditor": "auditor",
    "aanbieder": "aanbieder-schermer",
}
# Links the walk does not follow: downloads (PDF, CSV, spreadsheets, XML), the pages of the Django admin
# behind its start page (the start page is checked), logging out, the API.
OVERSLAAN = re.compile(
    r"(\.(pdf|csv|xlsx|xml|zip)$|/(pdf|csv|xlsx|sepa|bestand|export[^/]*)/?$|^/beheer/.+|^/uitloggen"
    r"|^/static/|^/api/|/informatiebrief/$)"
)
MAX_PAGINAS = 60
# Start page (0), the menu and what the start page links to (1), what those link to (2) and one step more
# (3: from a client to its beschikking, plan and evaluation).
DIEPTE = 3
# Pages of the user guide's tasks, saved at 1280 px as <rol>-<naam>.png while the walk passes them.
SCHERMAFDRUKKEN = {
    ("consulent", "/werklijst/"): "consulent-werklijst",
    ("aanbieder", "/portaal/"): "aanbieder-portaal",
    ("financieel", "/bekostiging/runs/"): "financieel-bekostiging",
    ("financieel", "/bekostiging/specificaties/"): "financieel-specificaties",
    ("contractmanager", "/contracten/"): "contractmanager-contracten",
    ("beheerder", "/catalogus/"): "beheerder-catalogus",
    ("auditor", "/auditlog/"): "auditor-auditlog",
}
BREEDTES = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def axe_bron() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core ontbreekt ({AXE}): installeer het met `make install` (npm ci)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def demo(transactional_db: None) -> Iterator[None]:
    from resultaat.demo.generator import genereer_demo

    genereer_demo(clienten=DEMO_CLIENTEN, seed=2026)
    yield


def inloggen(page: Any, url: str, gebruiker: str) -> None:
    from playwright.sync_api import expect

    from resultaat.demo.basis import DEMO_WACHTWOORD

    page.goto(f"{url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()


def axe(page: Any, bron: str) -> list[dict[str, Any]]:
    """The serious and critical findings of axe on the page as it stands. The script is evaluated through
    the browser's debugging channel, not added as a <script>: the page's Content Security Policy stays on."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(bron)
    uitkomst = page.evaluate(
        """async (regels) => {
            const r = await axe.run(
                document, {runOnly: {type: 'tag', values: regels}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
            }));
        }""",
        AXE_REGELS,
    )
    return [v for v in uitkomst if v["impact"] in ERNSTIG]


def leesbaar(bevindingen: dict[str, list[dict[str, Any]]]) -> str:
    regels = []
    for pad, lijst in bevindingen.items():
        regels.append(f"\n{pad}")
        for v in lijst:
            regels.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x)")
            for node in v["nodes"][:4]:
                uitleg = " ".join((node["summary"] or "").split())
                regels.append(f"      {node['target']}: {uitleg[:300]}")
    return "\n".join(regels)


def voorbeelden(rol: str, gebruikersnaam: str) -> list[str]:
    """Pages deeper in the chain that the walk may not reach from a list's first row: a beschikking with
    its letter preview, an onderzoek, an indicatie, an iWmo message, a client; those this role may open
    (the authorization matrix says which), each for the first one this user can see."""
    from django.urls import reverse

    from resultaat.accounts.models import User
    from resultaat.clienten.models import Client
    from resultaat.iwmo.models import Bericht
    from resultaat.toegang.models import Beschikking, Indicatie, Onderzoek
    from tests.autorisatiematrix import MATRIX
    from tests.autorisatiematrix import ROLLEN as MATRIX_ROLLEN

    gebruiker = User.objects.get(username=gebruikersnaam)
    clienten = Client.objects.for_user(gebruiker)
    kandidaten = {
        "web:beschikking-detail": Beschikking.objects.filter(client__in=clienten),
        "web:onderzoek-detail": Onderzoek.objects.filter(client__in=clienten),
        "web:indicatie-detail": Indicatie.objects.for_user(gebruiker),
        "web:bericht-detail": Bericht.objects.for_user(gebruiker),
        "web:client-detail": clienten.filter(beschikkingen__isnull=False),
    }
    paden = []
    for naam, queryset in kandidaten.items():
        if MATRIX[naam][MATRIX_ROLLEN.index(rol)] != "ok":
            continue
        eerste = queryset.order_by("pk").values_list("pk", flat=True).first()
        if eerste is not None:
            paden.append(reverse(naam, args=[eerste]))
    return paden


def soort(pad: str) -> str:
    """A page's kind: its path with the numbers left out (every client page is one kind)."""
    return re.sub(r"\d+", "N", pad)


def links(page: Any, basis: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    paden = []
    for href in hrefs:
        deel = urlparse(href)
        if f"{deel.scheme}://{deel.netloc}" != basis or OVERSLAAN.search(deel.path):
            continue
        paden.append(deel.path)
    return paden


def loop_en_controleer(
    page: Any, basis: str, bron: str, extra: list[str], schermafdrukken: dict[str, Path]
) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    """Walk from the start page DIEPTE links deep, one page of each kind, then the extra pages; check
    each with axe."""
    bezocht: list[str] = []
    gezien: set[str] = set()
    bevindingen: dict[str, list[dict[str, Any]]] = {}
    wachtrij: list[tuple[str, int]] = [("/", 0)]
    while (wachtrij or extra) and len(bezocht) < MAX_PAGINAS:
        if not wachtrij:
            wachtrij, extra = [(p, DIEPTE) for p in extra], []
        pad, diepte = wachtrij.pop(0)
        if soort(pad) in gezien:
            continue
        gezien.add(soort(pad))
        antwoord = page.goto(basis + pad)
        assert antwoord is not None and antwoord.status < 400, f"{pad} gaf {antwoord and antwoord.status}"
        bezocht.append(pad)
        if pad in schermafdrukken:
            page.screenshot(path=str(schermafdrukken[pad]))
        gevonden = axe(page, bron)
        if gevonden:
            bevindingen[pad] = gevonden
        if diepte < DIEPTE:
            wachtrij.extend((p, diepte + 1) for p in links(page, basis) if soort(p) not in gezien)
    return bezocht, bevindingen


def test_the_login_page_passes_the_accessibility_check(
    transactional_db: None, live_server: Any, page: Any, axe_bron: str, screenshots: Path
) -> None:
    for breedte, maat in BREEDTES.items():
        page.set_viewport_size(maat)
        page.goto(f"{live_server.url}/inloggen/")
        page.screenshot(path=str(screenshots / f"inloggen-{breedte}.png"))
    bevindingen = axe(page, axe_bron)
    assert bevindingen == [], leesbaar({"/inloggen/": bevindingen})


@pytest.mark.parametrize("rol", list(ROLLEN))
def test_every_main_page_of_the_role_passes_the_accessibility_check(
    rol: str, demo: None, live_server: Any, page: Any, axe_bron: str, screenshots: Path
) -> None:
    inloggen(page, live_server.url, ROLLEN[rol])
    # The start page as the role sees it, on a desk and on a phone, for the user guide.
    for breedte, maat in BREEDTES.items():
        page.set_viewport_size(maat)
        page.goto(f"{live_server.url}/")
        page.screenshot(path=str(screenshots / f"{rol}-{breedte}.png"))
    page.set_viewport_size(BREEDTES["1280"])

    menu = [
        urlparse(href).path
        for href in page.get_by_role("navigation", name="Hoofdmenu")
        .get_by_role("link")
        .evaluate_all("links => links.map(a => a.href)")
    ]
    extra = voorbeelden(rol, ROLLEN[rol])
    schermafdrukken = {
        pad: screenshots / f"{naam}.png" for (r, pad), naam in SCHERMAFDRUKKEN.items() if r == rol
    }
    bezocht, bevindingen = loop_en_controleer(page, live_server.url, axe_bron, extra, schermafdrukken)
    print(f"{rol}: {len(bezocht)} pagina's gecontroleerd: {' '.join(bezocht)}")
    # The walk reached every page of the menu.
    assert set(menu) <= set(bezocht), set(menu) - set(bezocht)
    assert {soort(p) for p in extra} <= {soort(p) for p in bezocht}
    assert bevindingen == {}, f"{rol}: {len(bevindingen)} van {len(bezocht)} pagina's:" + leesbaar(
        bevindingen
    )
