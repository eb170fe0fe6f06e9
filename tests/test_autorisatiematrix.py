"""The authorization matrix: every URL of the site and the API x every role and anonymous -> what a GET
gets. The URLs come from Django's URL resolver, not from a list kept by hand; the expected answers are in
``tests/autorisatiematrix.py``. A new URL without an entry there fails the test, and so does an entry
whose URL no longer exists, or any answer that differs from the table.

A URL with a ``pk`` is fetched for an object of noor's chain (the client of bob's organisation, in
alice's gemeente) or, for reference data, the first object. Outcomes: ``ok`` (200), ``login`` (to the
login page, or 401 in the API), ``nee`` (403), ``weg`` (404: not there for this user), ``methode``
(405: the role is let in, but the URL takes no GET), ``door`` (a redirect elsewhere), ``fout`` (400).

The Django admin (``/beheer/``) is in the matrix with its index and every list; its object pages follow
the list's permission (``ModelAdmin.has_view_permission``) and are covered by tests/test_admin.py and
tests/accounts. To write the table anew after a deliberate change, run this test with
``RESULTAAT_MATRIX_SCHRIJVEN=1`` and review the diff of tests/autorisatiematrix.py line by line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.test import Client as WebClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from resultaat.accounts.models import Rol
from resultaat.accounts.services import geef_beheertoegang
from tests import factories as f
from tests.autorisatiematrix import MATRIX, ROLLEN
from tests.test_isolation import Sides, _arguments, chains  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

BESTAND = Path(__file__).with_name("autorisatiematrix.py")
# Answers that must never appear for an anonymous visitor.
NOOIT_ANONIEM = {"ok", "methode"}
# What an anonymous visitor may open: logging in (site, admin, API token), and for now the OpenAPI schema
# (putting it behind login is separate work; its row in the table then changes to "login").
# Open without an account: the login, and the satisfaction survey a resident answers with the code
# from a letter or e-mail (the pages show nothing without a valid code).
OPEN = {
    "login",
    "logout",
    "admin:login",
    "api:token",
    "web:enquete-start",
    "web:enquete-vragen",
    "web:enquete-bedankt",
}


def _patronen(
    patterns: list[Any], ns: tuple[str, ...] = (), prefix: str = "", args: frozenset[str] = frozenset()
) -> Iterator[tuple[str, str, frozenset[str], Any]]:
    for entry in patterns:
        arguments = args | _arguments(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*ns, entry.namespace) if entry.namespace else ns
            yield from _patronen(entry.url_patterns, inner, prefix + str(entry.pattern), arguments)
        elif isinstance(entry, URLPattern):
            if ns[:1] == ("admin",) and arguments:
                continue  # object pages of the admin: see the module docstring
            yield ":".join((*ns, entry.name or "?")), prefix + str(entry.pattern), arguments, entry.callback


def alle_urls() -> dict[str, tuple[str, frozenset[str], Any]]:
    return {naam: (route, args, cb) for naam, route, args, cb in _patronen(get_resolver().url_patterns)}


def _object_pk(callback: Any, sides: Sides, gevonden: dict[Any, int | None]) -> int | None:
    """An object of the view's model: noor's if there is one, else reference data."""
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    model = getattr(cls, "model", None) or getattr(getattr(cls, "queryset", None), "model", None)
    if model is None:
        return None
    if model not in gevonden:
        objecten = list(model._default_manager.order_by("pk")[:50])
        eigenaren = [(sides.of(obj), obj.pk) for obj in objecten]
        gevonden[model] = next(
            (pk for wie in ("noor", None) for eigenaar, pk in eigenaren if eigenaar == wie),
            objecten[0].pk if objecten else None,
        )
    return gevonden[model]


def _uitkomst(response: Any, login_url: str) -> str:
    code = response.status_code
    if code in (301, 302):
        return "login" if urlsplit(response["Location"]).path == login_url else "door"
    return {200: "ok", 401: "login", 403: "nee", 404: "weg", 405: "methode", 400: "fout"}.get(code, str(code))


@pytest.fixture
def gebruikers(chains, alice, bob, dora) -> dict[str, Any]:  # noqa: F811
    gemeente = alice.gemeenten.first()
    beheerder = f.UserFactory(username="fb", rol=Rol.BEHEERDER, gemeenten=[gemeente])
    geef_beheertoegang(beheerder)
    cm = f.UserFactory(username="cora", rol=Rol.CONTRACTMANAGER, gemeenten=[gemeente])
    geef_beheertoegang(cm)
    return {
        "anoniem": None,
        "consulent": alice,
        "contractmanager": cm,
        "financieel": f.UserFactory(username="fenna"),
        "beheerder": beheerder,
        "auditor": dora,
        "aanbieder": bob,
        "installatie": f.UserFactory(username="root", rol="", is_staff=True, is_superuser=True),
    }


def test_every_url_has_an_entry_and_every_entry_a_url():
    urls = alle_urls()
    if os.environ.get("RESULTAAT_MATRIX_SCHRIJVEN"):
        pytest.skip("the table is being written")
    zonder = sorted(set(urls) - set(MATRIX))
    weg = sorted(set(MATRIX) - set(urls))
    assert not zonder, "URLs zonder regel in tests/autorisatiematrix.py:\n" + "\n".join(zonder)
    assert not weg, "Regels in tests/autorisatiematrix.py zonder URL:\n" + "\n".join(weg)


def test_every_role_gets_what_the_matrix_says(chains, gebruikers):  # noqa: F811
    login_url = resolve_url(settings.LOGIN_URL)
    gezien: dict[str, tuple[str, ...]] = {}
    objecten: dict[Any, int | None] = {}
    clients = {}
    for rol in ROLLEN:
        clients[rol] = WebClient()
        if gebruikers[rol] is not None:
            clients[rol].force_login(gebruikers[rol])
    for naam, (_route, args, callback) in sorted(alle_urls().items()):
        if args - {"pk"}:
            gezien[naam] = ("?",) * len(ROLLEN)
            continue
        kwargs = {}
        if "pk" in args:
            pk = _object_pk(callback, chains, objecten)
            kwargs = {"pk": pk if pk is not None else 999_999}
        url = reverse(naam, kwargs=kwargs or None)
        rij = []
        for rol in ROLLEN:
            cache.clear()
            rij.append(_uitkomst(clients[rol].get(url), login_url))
        gezien[naam] = tuple(rij)

    if os.environ.get("RESULTAAT_MATRIX_SCHRIJVEN"):
        _schrijf(gezien)
        return
    verschillen = [
        f"{naam}: {rol} verwacht {verwacht}, kreeg {kreeg}"
        for naam, rij in gezien.items()
        if naam in MATRIX
        for rol, verwacht, kreeg in zip(ROLLEN, MATRIX[naam], rij, strict=True)
        if verwacht != kreeg
    ]
    assert not verschillen, "\n".join(verschillen)


def test_an_anonymous_visitor_opens_nothing_but_the_login():
    anoniem = ROLLEN.index("anoniem")
    open_ = sorted(naam for naam, rij in MATRIX.items() if rij[anoniem] in NOOIT_ANONIEM and naam not in OPEN)
    assert not open_, open_


def test_a_provider_opens_none_of_the_gemeente_s_toegang_worklist_or_audit():
    aanbieder = ROLLEN.index("aanbieder")
    for naam, rij in MATRIX.items():
        if any(woord in naam for woord in ("melding", "onderzoek", "werklijst", "audit", "afrekenrun")):
            assert rij[aanbieder] not in {"ok"}, naam


def _schrijf(gezien: dict[str, tuple[str, ...]]) -> None:
    breedte = max(len(n) for n in gezien) + 3
    regels = [
        "# ruff: noqa: E501",
        '"""The authorization matrix (see tests/test_autorisatiematrix.py): URL name -> what a GET gets,',
        "per role in the order of ROLLEN. Written by the test with RESULTAAT_MATRIX_SCHRIJVEN=1; every",
        'change is reviewed by hand."""',
        "",
        "# fmt: off",
        f"ROLLEN = {tuple(ROLLEN)!r}",
        "",
        "MATRIX: dict[str, tuple[str, ...]] = {",
    ]
    for naam in sorted(gezien):
        regels.append(f"    {(repr(naam) + ':').ljust(breedte)} {gezien[naam]!r},")
    regels += ["}", "# fmt: on", ""]
    BESTAND.write_text("\n".join(regels))
