"""Shared fixtures: a small region with named personas.

- alice: Wmo-consulent of gemeente Alkmaar;
- bob: staff of aanbieder "Thuiszorg Noord", which has client Noor;
- charlie: staff of aanbieder "Zorg Zuid", which has client Zeger (and must never see Noor);
- dora: auditor of Alkmaar; erik: consulent of Heiloo (must not see Alkmaar's clients).
"""

from __future__ import annotations

import pytest

from resultaat.accounts.models import Rol
from tests import factories as f


def reload_migration_data() -> None:
    """Run the data steps (RunPython) of the project's own migrations again, in dependency order."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    graph = MigrationLoader(connection).graph
    done = set()
    for leaf in graph.leaf_nodes():
        for key in graph.forwards_plan(leaf):
            migration = graph.nodes[key]
            if key in done or not type(migration).__module__.startswith("resultaat."):
                continue
            done.add(key)
            for operation in migration.operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)


@pytest.fixture(autouse=True)
def _migration_data_in_transactional_tests(request):
    """A transactional test (browser tests, concurrency tests) empties every table when it ends, the
    seed data of the migrations included; the next one gets that data back here. (Django's serialized
    rollback does not survive the browser tests: Playwright's event loop gives the test a fresh
    database connection object without the serialized copy.)"""
    marker = request.node.get_closest_marker("django_db")
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from resultaat.catalogus.models import Resultaat

    if not Resultaat.objects.exists():
        reload_migration_data()


@pytest.fixture(autouse=True, scope="session")
def _auditlog_bij_flush_leegmaken():
    """A transactional test empties every table when it ends (Django's flush). The access log refuses
    that at the database (resultaat.core.audit.onveranderlijk), so for the flush of a test database
    only, its triggers are set aside and put back."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from resultaat.core.audit.onveranderlijk import maak_triggers, verwijder_triggers

    origineel = BaseDatabaseOperations.execute_sql_flush

    def flush(self, sql_list):
        verwijder_triggers(self.connection)
        try:
            origineel(self, sql_list)
        finally:
            maak_triggers(self.connection)

    BaseDatabaseOperations.execute_sql_flush = flush
    yield
    BaseDatabaseOperations.execute_sql_flush = origineel


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """Users are made by the dozen in tests; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alkmaar(db):
    return f.GemeenteFactory(code="0361", naam="Alkmaar")


@pytest.fixture
def heiloo(db):
    return f.GemeenteFactory(code="0399", naam="Heiloo")


@pytest.fixture
def noord(db):
    return f.AanbiederFactory(agb_code="98000001", naam="Thuiszorg Noord")


@pytest.fixture
def zuid(db):
    return f.AanbiederFactory(agb_code="98000002", naam="Zorg Zuid")


@pytest.fixture
def alice(alkmaar):
    return f.UserFactory(username="alice", rol=Rol.CONSULENT, gemeenten=[alkmaar])


@pytest.fixture
def dora(alkmaar):
    return f.UserFactory(username="dora", rol=Rol.AUDITOR, gemeenten=[alkmaar])


@pytest.fixture
def erik(heiloo):
    return f.UserFactory(username="erik", rol=Rol.CONSULENT, gemeenten=[heiloo])


@pytest.fixture
def bob(noord):
    return f.UserFactory(username="bob", rol=Rol.AANBIEDER, aanbieder=noord)


@pytest.fixture
def charlie(zuid):
    return f.UserFactory(username="charlie", rol=Rol.AANBIEDER, aanbieder=zuid)


@pytest.fixture
def noor(alkmaar, noord):
    """Client of Alkmaar, in care with Thuiszorg Noord."""
    client = f.ClientFactory(gemeente=alkmaar, voorletters="N.", achternaam="Noordermeer")
    toewijzing = f.ToewijzingFactory(client=client, aanbieder=noord)
    f.LeveringFactory(toewijzing=toewijzing)
    return client


@pytest.fixture
def zeger(alkmaar, zuid):
    """Client of Alkmaar, in care with Zorg Zuid."""
    client = f.ClientFactory(gemeente=alkmaar, voorletters="Z.", achternaam="Zuidema")
    toewijzing = f.ToewijzingFactory(client=client, aanbieder=zuid)
    f.LeveringFactory(toewijzing=toewijzing)
    return client


@pytest.fixture(autouse=True)
def _tweestaps_uit(settings):
    """Two-step verification is required in production; tests sign in with force_login and switch it
    on where they test it (tests/accounts/test_inloggen.py)."""
    settings.RESULTAAT_TWEESTAPS_VERPLICHT = False
