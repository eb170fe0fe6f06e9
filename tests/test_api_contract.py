"""The API contract tells the truth: schemathesis fuzzes every operation of the committed docs/openapi.yaml
against the app, in-process, and no answer may break it.

Per operation a fixed, small number of generated requests (valid and invalid input, derandomized so every
run sends the same requests), as a superuser (every endpoint, every row) and as a provider's employee (the
row scoping and the role checks). Each answer is checked for: no 5xx, a documented status code, a
documented content type, and a body that matches the documented schema. Detail and action endpoints get
half their requests with the id of an object that exists, so they answer more than 404.

The requests go through Django's WSGI handler in the test's own transaction (no server, no flush): each
one runs in a savepoint that is rolled back, so every request sees the same small dataset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from django.urls import resolve
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from knox.models import AuthToken
from rest_framework.test import APIClient
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from resultaat.accounts.models import Rol
from tests import factories as f

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Generated requests per operation and generation mode (valid, invalid input), per user.
EXAMPLES = {"superuser": 3, "aanbieder": 2}

pytestmark = pytest.mark.django_db


@dataclass
class Verslag:
    """What the fuzzer saw: requests per operation, status codes, and the failures by kind."""

    requests: int = 0
    digest: Any = field(default_factory=hashlib.sha256)
    operations: set[str] = field(default_factory=set)
    statussen: Counter[tuple[str, int]] = field(default_factory=Counter)
    fouten: dict[tuple[str, str], str] = field(default_factory=dict)

    def tekst(self) -> str:
        soorten = Counter(titel for _, titel in self.fouten)
        regels = [f"{len(self.fouten)} failure(s) by kind: {dict(soorten)}"]
        for (operation, titel), voorbeeld in sorted(self.fouten.items()):
            regels.append(f"- {operation}: {titel}\n{voorbeeld}")
        return "\n".join(regels)


@pytest.fixture
def in_process(settings: Any) -> Iterator[WSGIHandler]:
    """Django's WSGI handler, as the test client uses it: the handler must not close the test's database
    connection at the end of a request (that would end the test's transaction)."""
    settings.ALLOWED_HOSTS = ["localhost"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def regio(alice: Any, bob: Any, noor: Any, zeger: Any, noord: Any, alkmaar: Any) -> dict[str, Any]:
    """A small region: a contract, two clients in care (one per provider) with their toegang chain, a
    plan, a signal and a request, so the detail and action endpoints find objects."""
    from resultaat.toewijzingen.models import Toewijzing

    contract = f.ContractFactory(aanbieder=noord, gemeenten=[alkmaar])
    for client, nummer in ((noor, "B-0001"), (zeger, "B-0002")):
        toewijzing = Toewijzing.objects.get(client=client)
        f.ContractProductFactory(contract=contract, product=toewijzing.product)
        f.toegangsketen(toewijzing, beschikkingnummer=nummer, consulent=alice)
    superuser = f.UserFactory(username="root", is_superuser=True, is_staff=True, rol=Rol.BEHEERDER)
    return {"superuser": superuser, "aanbieder": bob, "peildatum": dt.date(2017, 3, 1)}


def _bestaand_id(operation: Any) -> int | None:
    """The id of an existing object of the operation's resource, for a path with an {id}."""
    if "{id}" not in operation.path:
        return None
    match = resolve(operation.path.replace("{id}", "1"))
    model = match.func.cls.queryset.model
    eerste = model.objects.order_by("pk").first()
    return eerste.pk if eerste is not None else None


def _strategie(operation: Any) -> Any:
    strategies = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategies.append(operation.as_strategy(generation_mode=mode))
        bestaand = _bestaand_id(operation)
        if bestaand is not None:
            strategies.append(operation.as_strategy(generation_mode=mode, path_parameters={"id": bestaand}))
    return st.one_of(strategies)


def _fuzz(app: WSGIHandler, user: Any, examples: int, verslag: Verslag) -> None:
    schema = schemathesis.openapi.from_path(COMMITTED)
    headers = {"Authorization": f"Token {AuthToken.objects.create(user=user)[1]}"}
    fouten: list[BaseException] = []

    def bewaar(sender: Any, request: Any = None, **kwargs: Any) -> None:
        import sys

        fouten.append(sys.exc_info()[1] or RuntimeError("onbekende fout"))

    got_request_exception.connect(bewaar)
    try:
        for result in schema.get_all_operations():
            _fuzz_operation(app, result.ok(), headers, examples, verslag, fouten)
    finally:
        got_request_exception.disconnect(bewaar)


def _fuzz_operation(
    app: WSGIHandler,
    operation: Any,
    headers: dict[str, str],
    examples: int,
    verslag: Verslag,
    fouten: list[BaseException],
) -> None:
    verslag.operations.add(operation.label)

    @hypothesis_settings(
        max_examples=examples * 2,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategie(operation))
    def test(case: Any) -> None:
        with transaction.atomic():
            response = case.call(app=app, headers=headers)
            transaction.set_rollback(True)
        verslag.requests += 1
        body = None if isinstance(case.body, NotSet) else case.body
        verslag.digest.update(repr((case.method, case.formatted_path, case.query, body)).encode())
        verslag.statussen[(operation.label, response.status_code)] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                _noteer(verslag, operation.label, failure, case, response, fouten)
        fouten.clear()

    test()


def _noteer(
    verslag: Verslag, operation: str, failure: Failure, case: Any, response: Any, fouten: list[BaseException]
) -> None:
    titel = failure.title
    if response.status_code >= 500 and fouten:
        titel = f"{titel}: {type(fouten[-1]).__name__}: {fouten[-1]}"
    sleutel = (operation, titel)
    if sleutel not in verslag.fouten:
        body = response.content[:300].decode("utf-8", "replace")
        verslag.fouten[sleutel] = (
            f"    {case.method} {case.formatted_path} query={case.query!r} body={case.body!r}\n"
            f"    -> {response.status_code} {response.headers.get('content-type')} {body}\n"
            f"    {failure.message[:400]}"
        )


def test_the_api_answers_as_its_schema_says(in_process: WSGIHandler, regio: dict[str, Any]) -> None:
    verslag = Verslag()
    begin = time.monotonic()
    for rol, examples in EXAMPLES.items():
        _fuzz(in_process, regio[rol], examples, verslag)
    duur = time.monotonic() - begin
    zonder_2xx = sorted(
        op for op in verslag.operations if not any(s < 300 for (o, s) in verslag.statussen if o == op)
    )
    print(
        f"\nwithout a 2xx answer: {zonder_2xx}"
        f"\n{len(verslag.operations)} operations, {verslag.requests} requests in {duur:.1f} s "
        f"(digest {verslag.digest.hexdigest()[:12]}); "
        f"statuses: {dict(Counter(status for (_, status), n in verslag.statussen.items() for _ in range(n)))}"
    )
    assert not verslag.fouten, verslag.tekst()


def test_a_bad_filter_page_or_page_size_is_a_400_in_dutch(alice: Any, noor: Any) -> None:
    client = APIClient()
    client.force_authenticate(alice)
    for query in (
        {"page": "0"},
        {"page": "1.5"},
        {"page_size": "null"},
        {"page_size": "0"},
        {"page_size": "2.5"},
    ):
        response = client.get("/api/v1/clienten/", query)
        assert response.status_code == 400, query
        [(naam, [melding])] = response.json().items()
        assert naam in query and "geheel getal" in melding, response.json()
    assert client.get("/api/v1/clienten/", {"page": "2"}).json() == {"detail": "Ongeldige pagina."}
    assert client.get("/api/v1/clienten/", {"page": "", "page_size": ""}).status_code == 200
    assert client.get("/api/v1/clienten/", {"page": "last"}).status_code == 200


@pytest.mark.parametrize("id_", ["0.5", "-1", "1e3", "abc"])
def test_an_id_that_is_no_whole_number_gets_the_json_404(alice: Any, id_: str) -> None:
    client = APIClient()
    client.force_authenticate(alice)
    for url in (f"/api/v1/toewijzingen/{id_}/", f"/api/v1/toewijzingen/{id_}/start/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Niet gevonden."}
