"""National scale for the dashboards: fill a PostgreSQL database of your own with the Netherlands in bulk SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sturing_bench .venv/bin/python bench/landelijk.py \\
        [--clients 1300000] [--gemeenten 342] [--regios 25] [--aanbieders 1500] [--jaren 5]

Every step is one ``INSERT ... SELECT generate_series`` (no Python loop over rows), timed and printed:

1. regions, gemeenten (each in a region), providers (each serving one region), one contract per provider
   for the gemeenten of its region (with targets), the products of the catalogue under each contract;
2. the four-week period calendar of every gemeente for ``--jaren`` years (13 periods a year);
3. ``--clients`` clients spread over the gemeenten;
4. a toewijzing per client at a provider of its region, starting on a day in the years; 60 % ended;
   a third of the ended ones followed by a toewijzing at another provider of the region (a switch,
   ``voorganger``); for each toewijzing its first version, a start (95 %, 0-20 days after the
   toewijzing date), an evaluation at the end (70 % of the ended ones: 55 % reached, 25 % partly) and a
   signal for one in twenty;
5. ``ANALYZE``; then the figures of every period computed by the dashboards' own code
   (``resultaat.sturing.services.bijwerken``, the SQL of the daily command, all gemeenten at once),
   with the CPU time of the PostgreSQL backend beside the wall clock;
6. spend: settlement lines are not generated (five years of lines for 1.3 million clients would be
   tens of millions of rows); the spend per period is set on the figures by one ``UPDATE`` (clients in
   care x EUR 216 per period, up to today), so the dashboards read amounts of the right size; then
   the sums per provider and per gemeente are made again from those rows (``samenvatten``);
7. ``ANALYZE``, and a contract manager for the first region (``bench-regio``), one for a single gemeente
   (``bench-gemeente``) and a provider login (``bench-aanbieder``), for ``bench/dashboards.py``.

The database must have no clients yet. ``--alleen-kengetallen`` skips steps 1-4 on a filled database;
``--kengetallen-regios N`` computes the figures of the first N regions only, gemeente by gemeente. Drop the database afterwards (``DROP DATABASE ...``).
"""

# ruff: noqa: E501  (SQL statements keep their lines)
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def stap(naam: str, sql: str, params: dict | None = None) -> None:
    from django.db import connection

    begonnen = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        rijen = cursor.rowcount
    print(f"{naam:<44} {rijen:>10} rijen {time.perf_counter() - begonnen:8.1f} s", flush=True)


def backend_cpu() -> float:
    """CPU seconds (user + system) of this connection's PostgreSQL backend so far (same machine only;
    0 when its /proc entry cannot be read): beside the wall clock, which a busy machine stretches."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1_300_000)
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--regios", type=int, default=25)
    parser.add_argument("--aanbieders", type=int, default=1500)
    parser.add_argument("--jaren", type=int, default=5)
    parser.add_argument(
        "--alleen-kengetallen",
        action="store_true",
        help="De basisrijen staan er al: alleen de kengetallen opnieuw berekenen (stap 5 tot en met 7).",
    )
    parser.add_argument(
        "--kengetallen-regios",
        type=int,
        default=0,
        help="Alleen de kengetallen van de gemeenten van de eerste N regio's berekenen (0: alle).",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "Zet DATABASE_URL op een eigen PostgreSQL-database, bijvoorbeeld postgres://postgres@127.0.0.1:5432/sturing_bench"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resultaat.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from resultaat.clienten.models import Client
    from resultaat.organisaties.models import Aanbieder, Gemeente
    from resultaat.sturing.services import bijwerken, samenvatten

    call_command("migrate", verbosity=0)
    if Client.objects.exists() and not args.alleen_kengetallen:
        sys.exit("Deze database heeft al cliënten: gebruik een lege database.")
    vandaag = dt.date.today()
    jaar0 = vandaag.year - args.jaren + 1
    p = {
        "n": args.clients,
        "g": args.gemeenten,
        "r": args.regios,
        "a": args.aanbieders,
        "per_regio": args.aanbieders // args.regios,
        "jaar0": jaar0,
        "jaren": args.jaren,
        "dagen": args.jaren * 364 - 30,
        "begin": dt.date(jaar0, 1, 1),
        "vandaag": vandaag,
    }
    totaal = time.perf_counter()
    print(
        f"Landelijk: {args.clients} cliënten, {args.gemeenten} gemeenten, {args.aanbieders} aanbieders, "
        f"{args.jaren} jaar ({jaar0}-{vandaag.year})",
        flush=True,
    )
    if not args.alleen_kengetallen:
        stap(
            "regio's",
            "INSERT INTO organisaties_regio (naam) SELECT 'Regio ' || lpad(r::text, 2, '0') "
            "FROM generate_series(1, %(r)s) r",
            p,
        )
        stap(
            "gemeenten",
            """
            INSERT INTO organisaties_gemeente (code, naam, regio_id, postadres, telefoon, email)
            SELECT (5000 + g)::text, 'Gemeente ' || lpad(g::text, 4, '0'), r.id, '', '', ''
            FROM generate_series(1, %(g)s) g
            JOIN organisaties_regio r ON r.naam = 'Regio ' || lpad((1 + (g - 1) %% %(r)s)::text, 2, '0')""",
            p,
        )
        stap(
            "aanbieders",
            """
            INSERT INTO organisaties_aanbieder (agb_code, naam, kvk_nummer, iban, straat, huisnummer, postcode,
                plaats, telefoon, email, iban_voorgesteld, iban_voorgesteld_door)
            SELECT '9' || lpad(a::text, 7, '0'), 'Aanbieder ' || lpad(a::text, 4, '0'), lpad(a::text, 8, '0'),
                   'NL91ABNA0417164300', '', '', '', '', '', '', '', ''
            FROM generate_series(1, %(a)s) a""",
            p,
        )
        stap(
            "contracten (met doelen)",
            """
            INSERT INTO contracten_contract (kenmerk, aanbieder_id, perceel, omschrijving, geldig_van,
                doel_behaald_procent, max_wachtweken, min_tevredenheid)
            SELECT 'L-' || agb_code, id, '', '', %(begin)s, 60, 6, 7.0 FROM organisaties_aanbieder
            WHERE agb_code LIKE '9%%'""",
            p,
        )
        # Provider a serves region 1 + (a - 1) %% r: every gemeente of that region.
        stap(
            "contracten x gemeenten",
            """
            INSERT INTO contracten_contract_gemeenten (contract_id, gemeente_id)
            SELECT c.id, g.id FROM contracten_contract c
            JOIN organisaties_aanbieder a ON a.id = c.aanbieder_id
            JOIN organisaties_gemeente g
              ON (substr(g.code, 1)::int - 5001) %% %(r)s = (substr(a.agb_code, 2)::int - 1) %% %(r)s
            WHERE c.kenmerk LIKE 'L-%%'""",
            p,
        )
        stap(
            "gecontracteerde producten",
            """
            INSERT INTO contracten_contractproduct (contract_id, product_id, geldig_van, wachttijd_dagen)
            SELECT c.id, pr.id, %(begin)s, 14 FROM contracten_contract c CROSS JOIN catalogus_product pr
            WHERE c.kenmerk LIKE 'L-%%'""",
            p,
        )
        stap(
            "periodekalenders",
            """
            INSERT INTO bekostiging_periodekalender (gemeente_id, jaar, soort)
            SELECT g.id, j, '4w' FROM organisaties_gemeente g
            CROSS JOIN generate_series(%(jaar0)s, %(jaar0)s + %(jaren)s - 1) j WHERE g.naam LIKE 'Gemeente %%'""",
            p,
        )
        stap(
            "perioden",
            """
            INSERT INTO bekostiging_periode (kalender_id, gemeente_id, code, nummer, begin, eind)
            SELECT k.id, k.gemeente_id, k.jaar || '-P' || lpad(n::text, 2, '0'), n,
                   make_date(k.jaar, 1, 1) + (n - 1) * 28,
                   CASE WHEN n = 13 THEN make_date(k.jaar + 1, 1, 1) ELSE make_date(k.jaar, 1, 1) + n * 28 END
            FROM bekostiging_periodekalender k JOIN organisaties_gemeente g ON g.id = k.gemeente_id
            CROSS JOIN generate_series(1, 13) n WHERE g.naam LIKE 'Gemeente %%'""",
            p,
        )
        stap(
            "cliënten",
            """
            WITH g AS (SELECT array_agg(id ORDER BY code) AS ids FROM organisaties_gemeente
                       WHERE naam LIKE 'Gemeente %%')
            INSERT INTO clienten_client (bsn, gemeente_id, voorletters, voornamen, tussenvoegsel, achternaam,
                geboortedatum, geslacht, straat, huisnummer, postcode, woonplaats, telefoon, email, huishouden,
                huishouden_grootte, aangemaakt_op)
            SELECT lpad(c::text, 9, '0'), g.ids[1 + c %% %(g)s], 'A.', '', '', 'Cliënt ' || c,
                   DATE '1930-01-01' + (c %% 20000), 'O', 'Dorpsstraat', (1 + c %% 200)::text, '1811 AB',
                   'Plaats', '', '', 'alleenstaand', 1, now()
            FROM generate_series(1, %(n)s) c, g""",
            p,
        )
        # The first toewijzing of every client: a provider of its gemeente's region, a product, a start day.
        stap(
            "toewijzingen",
            """
            WITH a AS (SELECT array_agg(id ORDER BY agb_code) AS ids FROM organisaties_aanbieder
                       WHERE agb_code LIKE '9%%'),
                 pr AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM catalogus_product),
                 c AS (SELECT cl.id, cl.gemeente_id, (g.code::int - 5001) %% %(r)s AS regio,
                              floor(random() * %(dagen)s)::int AS dag, random() AS kans
                       FROM clienten_client cl JOIN organisaties_gemeente g ON g.id = cl.gemeente_id)
            INSERT INTO toewijzingen_toewijzing (gemeente_id, nummer, client_id, aanbieder_id, product_id,
                toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, reden_wijziging, eenheid, frequentie,
                commentaar, referentie_aanbieder, reactie, retourreden, volume)
            SELECT c.gemeente_id, c.id, c.id,
                   a.ids[1 + c.regio + %(r)s * floor(random() * %(per_regio)s)::int],
                   pr.ids[1 + (c.id %% pr.n)::int],
                   %(begin)s + c.dag - floor(random() * 14)::int, TIME '09:00', %(begin)s + c.dag,
                   CASE WHEN c.kans < 0.6 THEN %(begin)s + c.dag + 90 + floor(random() * 600)::int END,
                   '', '82', '2', '', '', 'geaccepteerd', '', 1
            FROM c, a, pr""",
            p,
        )
        stap(
            "overstappen (voorganger bij een andere aanbieder)",
            """
            WITH a AS (SELECT array_agg(id ORDER BY agb_code) AS ids FROM organisaties_aanbieder
                       WHERE agb_code LIKE '9%%'),
                 t AS (SELECT t.*, (g.code::int - 5001) %% %(r)s AS regio FROM toewijzingen_toewijzing t
                       JOIN organisaties_gemeente g ON g.id = t.gemeente_id
                       WHERE t.einddatum IS NOT NULL AND random() < 0.33),
                 n AS (SELECT t.*, a.ids[1 + t.regio + %(r)s * floor(random() * %(per_regio)s)::int] AS nieuw
                       FROM t, a)
            INSERT INTO toewijzingen_toewijzing (gemeente_id, nummer, client_id, aanbieder_id, product_id,
                toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, reden_wijziging, eenheid, frequentie,
                commentaar, referentie_aanbieder, reactie, retourreden, volume, voorganger_id)
            SELECT gemeente_id, 10000000 + nummer, client_id, nieuw, product_id, einddatum - 7, TIME '10:00',
                   einddatum + 1, NULL, '', eenheid, frequentie, '', '', 'geaccepteerd', '', 1, id
            FROM n WHERE nieuw <> aanbieder_id""",
            p,
        )
        stap(
            "toewijzingsversies",
            """
            INSERT INTO toewijzingen_toewijzingversie (toewijzing_id, toewijzingsdatum, toewijzingstijd,
                ingangsdatum, einddatum, reden_wijziging, eenheid, frequentie, commentaar, vastgelegd_op, volume)
            SELECT id, toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, '', eenheid, frequentie, '',
                   now(), volume FROM toewijzingen_toewijzing""",
            p,
        )
        stap(
            "leveringen (startberichten)",
            """
            INSERT INTO toewijzingen_levering (toewijzing_id, begindatum, einddatum, reden_beeindiging, bron,
                start_gemeld_op, verwijderd, toelichting)
            SELECT id, s.begin, CASE WHEN einddatum >= s.begin THEN einddatum END,
                   CASE WHEN einddatum >= s.begin THEN '01' ELSE '' END, 'iwmo', now(), false, ''
            FROM (SELECT t.*, greatest(t.ingangsdatum, t.toewijzingsdatum + floor(random() * 21)::int) AS begin
                  FROM toewijzingen_toewijzing t WHERE random() < 0.95) s
            WHERE s.begin <= %(vandaag)s""",
            p,
        )
        stap(
            "evaluaties",
            """
            INSERT INTO ondersteuning_evaluatie (toewijzing_id, datum, resultaat_behaald, toelichting, moment,
                rol, clientvisie)
            SELECT id, einddatum, CASE WHEN r < 0.55 THEN 'ja' WHEN r < 0.8 THEN 'deels' ELSE 'nee' END, '',
                   'einde', 'consulent', ''
            FROM (SELECT id, einddatum, random() AS r FROM toewijzingen_toewijzing
                  WHERE einddatum IS NOT NULL AND einddatum <= %(vandaag)s) t WHERE random() < 0.7""",
            p,
        )
        stap(
            "signalen",
            """
            INSERT INTO ondersteuning_signaal (client_id, aanbieder_id, toewijzing_id, soort, toelichting,
                gemeld_op, status, opvolging, terugkoppeling)
            SELECT client_id, aanbieder_id, id, 'eenzaamheid', 'Signaal', (ingangsdatum + 30)::timestamptz,
                   'nieuw', '', ''
            FROM toewijzingen_toewijzing WHERE random() < 0.05 AND ingangsdatum + 30 <= %(vandaag)s""",
            p,
        )
    stap("ANALYZE", "ANALYZE")
    begonnen, cpu = time.perf_counter(), backend_cpu()
    gemeenten = Gemeente.objects.filter(naam__startswith="Gemeente ").order_by("code")
    if args.kengetallen_regios:
        regios = [f"Regio {r:02d}" for r in range(1, args.kengetallen_regios + 1)]
        gemeenten = gemeenten.filter(regio__naam__in=regios)
        regels = perioden = 0
        for gemeente_id in gemeenten.values_list("pk", flat=True):
            uitkomst = bijwerken(vanaf=p["begin"], gemeente_id=gemeente_id)
            regels, perioden = regels + uitkomst.regels, perioden + uitkomst.perioden
    else:
        # Every gemeente at once: each level one set-based statement over the whole country.
        uitkomst = bijwerken(vanaf=p["begin"])
        regels, perioden = uitkomst.regels, uitkomst.perioden
    print(
        f"{'kengetallen (sturing.services.bijwerken)':<44} {regels:>10} rijen "
        f"{time.perf_counter() - begonnen:8.1f} s ({gemeenten.count()} gemeenten, {perioden} perioden; "
        f"CPU van PostgreSQL {backend_cpu() - cpu:.1f} s)",
        flush=True,
    )
    stap(
        "uitgaven op de kengetallen (zie 6.)",
        """
        UPDATE sturing_kengetal SET uitgaven_cent = actief * 21600, betaalde_clienten = actief
        WHERE periode_begin + 28 <= %(vandaag)s AND actief > 0""",
        p,
    )
    begonnen, cpu = time.perf_counter(), backend_cpu()
    samenvatten(p["begin"])
    print(
        f"{'sommen per aanbieder en gemeente opnieuw':<44} {'':>10}       "
        f"{time.perf_counter() - begonnen:8.1f} s (CPU van PostgreSQL {backend_cpu() - cpu:.1f} s)",
        flush=True,
    )
    stap("ANALYZE", "ANALYZE")
    from resultaat.accounts.models import User
    from resultaat.core.rollen import Rol

    eerste_regio = Gemeente.objects.filter(regio__naam="Regio 01").order_by("code")
    User.objects.filter(username__startswith="bench-").delete()
    regio = User.objects.create_user("bench-regio", rol=Rol.CONTRACTMANAGER)
    regio.gemeenten.set(eerste_regio)
    gemeente = User.objects.create_user("bench-gemeente", rol=Rol.CONTRACTMANAGER)
    gemeente.gemeenten.set(eerste_regio[:1])
    User.objects.create_user(
        "bench-aanbieder", rol=Rol.AANBIEDER, aanbieder=Aanbieder.objects.get(agb_code="90000001")
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        grootte = cursor.fetchone()[0]
    print(
        f"Klaar in {time.perf_counter() - totaal:.0f} s; database {grootte}; "
        f"regio 01 heeft {eerste_regio.count()} gemeenten.",
        flush=True,
    )


if __name__ == "__main__":
    main()
