"""The Wigan rule pack (rules/wigan) written in DuckDB SQL.

Reads the extracts in --input as rules/wigan/schema.yaml maps them, scores everyone as of
--as-of and writes scores.csv and referrals.csv in Signpost's format (RunOutputs.swift):
the same columns, the same row order, CRLF line ends.

Unknowns are SQL NULLs. SQL's AND, OR and NOT on NULL are Kleene logic, which is what CEL
does with unknowns (false && unknown = false, true || unknown = true), and `x = 'a'`,
`x IN (...)` and `x <= 90.0` are NULL when x is missing, like CEL's strict operators. A
filter over events is unknown when any event's condition is unknown (CEL's filter macro); so
is its size and anything added to it. An indicator whose `when` is unknown is not evaluated
and scores nothing.

Assumes clean extracts (`signpost synth --bad-rows 0`): every table present, every value
valid. Rows naming a person in no person table are dropped, as Signpost rejects them.

    python duckdb_wigan.py --input DIR --out OUT --as-of 2025-04-01 [--threads 2]
"""

import argparse
import csv
import os

import duckdb

from wigan_pack import (
    DOMAINS, BANDS, INDICATORS, PROGRAMMES, RELATIONS, SYMMETRIC, NULLS, PERSON_TABLES,
    EVENT_TABLES, EVENT_FIELDS, PRECEDENCE, FIELD_TYPES, VIOLENT, VIOLENT_OR_WEAPON,
    VICTIM_VIOLENT, VICTIM_VIOLENT_OR_WEAPON, IN_SCHOOL_VIOLENCE, IN_SCHOOL_WEAPON,
    WEST_LONDON_ZONE_URNS, PIED_NOTE, place, write_referrals)

# Column types by field name, in DuckDB's spelling (others are read as text).
TYPES = {field: {"date": "DATE", "int": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN"}[kind]
         for field, kind in FIELD_TYPES.items()}


def sql_list(values):
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def within(days, as_of):
    """within(e.date, days(N)): as_of - N days < date <= as_of."""
    return f"(date > DATE '{as_of}' - {days} AND date <= DATE '{as_of}')"


def tri(n, u, k):
    """`count >= k`, where the count is unknown when u holds."""
    return f"CASE WHEN {u} THEN NULL ELSE {n} >= {k} END"


def literal(text):
    return "'" + text.replace("'", "''") + "'"


def header(path):
    with open(path, newline="") as f:
        return next(csv.reader(f))


def read(con, directory, table, kind="VIEW"):
    """A table of schema.yaml, each column typed as the schema declares its field. Person
    tables are loaded (their row order decides the order of persons); event and link tables
    are views, read where they are used. In the one-events-file shape an event table is the
    rows of events.csv whose `type` is its name. Returns the column names."""
    path = os.path.join(directory, f"{table}.csv")
    events = os.path.join(directory, "events.csv")
    if table in EVENT_TABLES and not os.path.exists(path) and os.path.exists(events):
        columns = header(events)
        types = {c: TYPES.get(c, "VARCHAR") for c in columns}
        mine = ["person_id", "date"] + EVENT_FIELDS[table]
        con.execute(
            f"CREATE {kind} {table} AS SELECT {', '.join(mine)} FROM read_csv({literal(events)}, "
            f"header = true, nullstr = {list(NULLS)}, dateformat = '%Y-%m-%d', "
            f"auto_detect = false, columns = {types}) WHERE type = {literal(table)}")
        return mine
    columns = header(path)
    types = {c: TYPES.get(c, "VARCHAR") for c in columns}
    con.execute(
        f"CREATE {kind} {table} AS SELECT * FROM read_csv({literal(path)}, header = true, "
        f"nullstr = {list(NULLS)}, dateformat = '%Y-%m-%d', auto_detect = false, "
        f"columns = {types})")
    return columns


def run(directory, out, as_of, threads):
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute("SET preserve_insertion_order = true")

    # --- Read: every table of schema.yaml's sources.
    columns = {t: read(con, directory, t, "TABLE") for t in PERSON_TABLES}
    for table in EVENT_TABLES + ["links"]:
        read(con, directory, table)

    # --- Persons: in order of first appearance in the person tables, in schema order
    # (people.csv, pupils.csv, social_care.csv); a person table's first row for an id wins.
    alias = {"people": "pe", "pupils": "pu", "social_care": "sc"}
    date_of_birth = "coalesce(" + ", ".join(
        f"{alias[t]}.date_of_birth" for t in PRECEDENCE["date_of_birth"]
        if "date_of_birth" in columns[t]) + ")"
    con.execute(f"""
        CREATE VIEW persons AS
        WITH seen AS (
            SELECT person_id, min(t * 1000000000000 + r) AS ord FROM (
                SELECT person_id, 0 AS t, rowid AS r FROM people
                UNION ALL SELECT person_id, 1, rowid FROM pupils
                UNION ALL SELECT person_id, 2, rowid FROM social_care)
            GROUP BY person_id),
        pe AS (SELECT * FROM people
               WHERE rowid IN (SELECT min(rowid) FROM people GROUP BY person_id)),
        pu AS (SELECT * FROM pupils
               WHERE rowid IN (SELECT min(rowid) FROM pupils GROUP BY person_id)),
        sc AS (SELECT * FROM social_care
               WHERE rowid IN (SELECT min(rowid) FROM social_care GROUP BY person_id))
        SELECT seen.person_id, seen.ord, {date_of_birth} AS date_of_birth, pu.school,
               pu.school_urn, pu.year_group, pu.attendance, sc.open_to_service,
               sc.engaged_west_london_zone
        FROM seen
        LEFT JOIN pe USING (person_id) LEFT JOIN pu USING (person_id) LEFT JOIN sc USING (person_id)
    """)

    # --- Event lists: per person, for each filter, how many events hold (n) and whether any
    # event's condition is unknown (u).
    def counts(table, filters):
        cols = []
        for name, cond in filters.items():
            cols.append(f"count_if({cond}) AS {name}_n")
            cols.append(f"coalesce(bool_or(({cond}) IS NULL), false) AS {name}_u")
        con.execute(
            f"CREATE VIEW agg_{table} AS SELECT person_id, {', '.join(cols)} "
            f"FROM {table} GROUP BY person_id")
        return [f"{name}_{x}" for name in filters for x in "nu"]

    violent = sql_list(VIOLENT)
    violent_weapon = sql_list(VIOLENT_OR_WEAPON)
    victim_violent = sql_list(VICTIM_VIOLENT)
    victim_violent_weapon = sql_list(VICTIM_VIOLENT_OR_WEAPON)
    in_school = sql_list(IN_SCHOOL_VIOLENCE)
    weapon = sql_list(IN_SCHOOL_WEAPON)
    w7, w90, w183, w365, w730, w4383 = (within(d, as_of) for d in (7, 90, 183, 365, 730, 4383))

    def school(prefix):  # the exclusion indicators' filters over one list
        return {
            f"{prefix}_violent": f"{w365} AND reason IN {in_school}",
            f"{prefix}_weapon": f"{w365} AND reason IN {weapon}",
            f"{prefix}_recent": f"{w183} AND reason IN {in_school}",
            f"{prefix}_before": f"{w365} AND NOT {w183} AND reason IN {in_school}"}
    event_columns = {
        "suspensions": counts("suspensions", {"susp": w365, **school("susp")}),
        "permanent_exclusions": counts("permanent_exclusions", {"perm": w730, **school("perm")}),
        "cme_episodes": counts("cme_episodes", {
            "cme_open": f"open AND {w4383}",
            "cme_ended": f"NOT open AND {w365}"}),
        "police_contacts": counts("police_contacts", {
            "ps7": f"role = 'suspect' AND {w7}",
            "ps12": f"role = 'suspect' AND {w365}",
            "vs12": f"role = 'suspect' AND {w365} AND offence IN {violent}",
            "ws12": f"role = 'suspect' AND {w365} AND (weapon OR offence = 'weapon_possession')",
            "rvo": f"role = 'suspect' AND {w365} AND (offence IN {violent_weapon} OR weapon)",
            "pv7": f"role = 'victim' AND {w7}",
            "pv12": f"role = 'victim' AND {w365}",
            "vv12": f"role = 'victim' AND {w365} AND (offence IN {victim_violent} OR weapon)",
            "wv12": f"role = 'witness' AND {w365} "
                    f"AND (offence IN {victim_violent_weapon} OR weapon)"}),
        "missing_episodes": counts("missing_episodes", {"miss": w90}),
        "ae_assault_attendances": counts("ae_assault_attendances", {
            "ae": w365,
            "ae_sharp": f"sharp_object AND {w365}"}),
        "domestic_abuse": counts("domestic_abuse", {"da": w365}),
        "mental_health_referrals": counts("mental_health_referrals", {"mh": w365}),
    }

    # --- Indicators that read only the person (the first stratum).
    select = []
    joins = []
    for table, columns in event_columns.items():
        joins.append(f"LEFT JOIN agg_{table} USING (person_id)")
        for c in columns:
            select.append(f"coalesce({c}, {'0' if c.endswith('_n') else 'false'}) AS {c}")
    con.execute(f"""
        CREATE VIEW facts AS SELECT p.*, {', '.join(select)}
        FROM persons p {' '.join(joins)}
    """)
    def either(name):  # a count over both lists, unknown when either filter is
        return f"CASE WHEN susp_{name}_u OR perm_{name}_u THEN NULL " \
               f"ELSE susp_{name}_n + perm_{name}_n END"
    years = "year_group >= 1 AND year_group <= 11"
    own = {
        "persistent_absence": f"{years} AND attendance <= 90.0",
        "severe_absence": f"{years} AND attendance <= 50.0",
        "suspension_12m": tri("susp_n", "susp_u", 1),
        "repeat_suspension_12m": tri("susp_n", "susp_u", 2),
        "violent_behaviour_in_school": tri(
            "susp_violent_n + perm_violent_n", "susp_violent_u OR perm_violent_u", 1),
        "weapon_in_school_12m": tri(
            "susp_weapon_n + perm_weapon_n", "susp_weapon_u OR perm_weapon_u", 1),
        "violent_behaviour_worsening":
            f"({either('recent')}) >= 2 AND ({either('recent')}) > ({either('before')})",
        "permanent_exclusion_2y": tri("perm_n", "perm_u", 1),
        "cme_current": tri("cme_open_n", "cme_open_u", 1),
        "cme_recent": tri("cme_ended_n", "cme_ended_u", 1),
        "police_suspect_7d": tri("ps7_n", "ps7_u", 1),
        "police_suspect_12m": tri("ps12_n", "ps12_u", 1),
        "violence_suspect_12m": tri("vs12_n", "vs12_u", 1),
        "weapon_suspect_12m": tri("ws12_n", "ws12_u", 1),
        "repeat_violent_offending": tri("rvo_n", "rvo_u", 2),
        "good_attendance": "attendance >= 95.0",
        "police_victim_7d": tri("pv7_n", "pv7_u", 1),
        "police_victim_12m": tri("pv12_n", "pv12_u", 1),
        "violence_victim_12m": tri("vv12_n", "vv12_u", 1),
        "witness_to_violence_12m": tri("wv12_n", "wv12_u", 1),
        "missing_episode_90d": tri("miss_n", "miss_u", 1),
        "repeat_missing_90d": tri("miss_n", "miss_u", 3),
        "ae_assault_12m": tri("ae_n", "ae_u", 1),
        "ae_sharp_injury_12m": tri("ae_sharp_n", "ae_sharp_u", 1),
        "domestic_abuse_at_home": tri("da_n", "da_u", 1),
        "mental_health_referral_12m": tri("mh_n", "mh_u", 1),
    }
    con.execute(f"""
        CREATE TABLE base AS
        SELECT person_id, ord, date_of_birth, school, school_urn, year_group, attendance,
               open_to_service, engaged_west_london_zone,
               {', '.join(f'{expr} AS {name}' for name, expr in own.items())}
        FROM facts
    """)
    for table in ("people", "pupils", "social_care"):  # all that is needed of them is in base
        con.execute(f"DROP TABLE {table}")

    # --- Network indicators (context, 0 points), over links (symmetric relations both ways,
    # parent_carer from the child to the adult; duplicates count once). Per (person, linked
    # person) pair: which relation groups link them. Counting sibling and household
    # separately cannot change `count >= 1` or whether it is unknown.
    con.execute(f"""
        CREATE VIEW pairs AS
        SELECT src, dst,
               bool_or(relation = 'parent_carer') AS pc,
               bool_or(relation IN ('sibling', 'household')) AS sh,
               bool_or(relation = 'co_offender') AS pe
        FROM (
            SELECT person_id AS src, linked_person_id AS dst, relation FROM links
            WHERE relation IN {sql_list(RELATIONS)}
            UNION ALL
            SELECT linked_person_id, person_id, relation FROM links
            WHERE relation IN {sql_list(SYMMETRIC)})
        GROUP BY src, dst
    """)
    offending = "(t.violence_suspect_12m OR t.weapon_suspect_12m)"
    con.execute(f"""
        CREATE VIEW network AS
        SELECT src AS person_id,
               count_if(pc AND {offending}) AS pcv_n,
               coalesce(bool_or(pc AND {offending} IS NULL), false) AS pcv_u,
               count_if(sh AND {offending}) AS shv_n,
               coalesce(bool_or(sh AND {offending} IS NULL), false) AS shv_u,
               count_if(pe AND {offending}) AS pev_n,
               coalesce(bool_or(pe AND {offending} IS NULL), false) AS pev_u,
               count_if(pe AND t.police_suspect_12m) AS peg_n,
               coalesce(bool_or(pe AND t.police_suspect_12m IS NULL), false) AS peg_u
        FROM pairs JOIN base t ON t.person_id = pairs.dst
        GROUP BY src
    """)

    def net(name, k):  # a person with no links has empty lists: counts 0, known
        return tri(f"coalesce({name}_n, 0)", f"coalesce({name}_u, false)", k)
    network = {
        "parent_carer_violent_offending": net("pcv", 1),
        "sibling_or_household_violent_offending": net("shv", 1),
        "co_suspect_violent_offending": net("pev", 1),
        "co_suspect_group_offending": net("peg", 2),
    }
    settled = ("school <> '' AND attendance > 90.0 AND NOT suspension_12m "
               "AND NOT permanent_exclusion_2y AND NOT cme_current AND NOT cme_recent")
    con.execute(f"""
        CREATE VIEW indicators AS
        SELECT b.*,
               {', '.join(f'{expr} AS {name}' for name, expr in network.items())},
               {settled} AS settled_in_education,
               year(DATE '{as_of}') - year(date_of_birth)
                 - CASE WHEN month(DATE '{as_of}') * 100 + day(DATE '{as_of}')
                             < month(date_of_birth) * 100 + day(date_of_birth)
                        THEN 1 ELSE 0 END AS age
        FROM base b
        LEFT JOIN network USING (person_id)
    """)

    # --- Scores: capped domain points, held to 0-100, band; scope age <= 25 (a person whose
    # age cannot be decided is undecided, not scored).
    points = []
    for domain, cap in DOMAINS:
        terms = " + ".join(
            f"CASE WHEN {i} THEN {p} ELSE 0 END" for i, d, p in INDICATORS if d == domain)
        points.append(f"least({terms}, {cap}) AS points_{domain}")
    total = " + ".join(f"points_{d}" for d, _ in DOMAINS)
    band = "CASE " + " ".join(
        f"WHEN score >= {m} THEN '{b}'" for b, m in BANDS[:-1]) + f" ELSE '{BANDS[-1][0]}' END"
    fired = "nullif(concat_ws(';', " + ", ".join(
        f"CASE WHEN {i} THEN '{i}' END" for i, _, _ in INDICATORS) + "), '')"
    not_evaluated = "nullif(concat_ws(';', " + ", ".join(
        f"CASE WHEN {i} IS NULL THEN '{i}' END" for i, _, _ in INDICATORS) + "), '')"
    con.execute(f"""
        CREATE TABLE scored AS
        WITH p AS (
            SELECT *, {', '.join(points)} FROM indicators WHERE age <= 25),
        s AS (SELECT *, greatest(0, least(100, {total})) AS score FROM p)
        SELECT *, {band} AS band, {fired} AS fired, {not_evaluated} AS not_evaluated FROM s
    """)

    os.makedirs(out, exist_ok=True)
    columns = ", ".join(["person_id", "score", "band"] + [f"points_{d}" for d, _ in DOMAINS]
                        + ["fired", "not_evaluated"])
    con.execute(f"""
        COPY (SELECT {columns} FROM scored ORDER BY ord)
        TO {literal(os.path.join(out, 'scores.csv'))} (HEADER, DELIMITER ',', NEW_LINE '\r\n')
    """)

    # --- Referrals. Per programme, in SQL: the eligible (every eligibility condition true,
    # every exclusion false; an unknown one is not evaluated), those an exclusion with outcome
    # `listed` lists (eligible but for it), and how many hold a place (outcome
    # `holds_place`, decided first). Placing them (places net of holders, ties at the last
    # place to the panel) is wigan_pack.place, ProgrammeKernel.place's twin.
    urns = sql_list(WEST_LONDON_ZONE_URNS)
    conditions = {  # eligibility, exclusions, listed (outcome listed), holds (holds_place)
        "blocks": (
            # !has(person.year_group): no value, in a supplied source.
            ["age >= 9 AND age <= 11 AND (year_group = 5 OR year_group = 6 OR year_group IS NULL)",
             "weapon_suspect_12m OR weapon_in_school_12m OR violent_behaviour_worsening "
             "OR (violent_behaviour_in_school AND parent_carer_violent_offending)"],
            [], None, None),
        "early_help": (
            ["age <= 17",
             "band = 'high' OR band = 'medium' OR police_victim_7d OR violence_victim_12m "
             "OR domestic_abuse_at_home OR ae_assault_12m OR repeat_missing_90d"],
            ["open_to_service"], None, None),
        "pied": (
            ["age >= 10 AND age <= 17", "police_suspect_7d"],
            [], "open_to_service", None),
        "stepping_up": (
            ["age >= 18 AND age <= 25", "police_suspect_12m"],
            [], None, None),
        "west_london_zone": (
            ["age >= 5 AND age <= 16 AND year_group >= 1 AND year_group <= 11",
             f"school_urn IN {urns}",
             "persistent_absence OR suspension_12m OR permanent_exclusion_2y"],
            ["cme_current"], None, "engaged_west_london_zone"),
    }
    priorities = {"west_london_zone":
                  "score + coalesce((100.0 - attendance) / 1000.0, 0.0)"}
    rows = []
    for programme, capacity in PROGRAMMES:
        eligibility, exclusions, listed, holds = conditions[programme]
        priority = priorities.get(programme, "CAST(score AS DOUBLE)")
        eligible = [f"({c}) IS TRUE" for c in eligibility]
        not_holding = [f"({holds}) IS FALSE"] if holds else []
        where = " AND ".join(not_holding + eligible + [f"({c}) IS FALSE" for c in exclusions]
                             + ([f"({listed}) IS FALSE"] if listed else []))
        candidates = con.execute(
            f"SELECT person_id, {priority}, score, band, fired FROM scored WHERE {where}"
        ).fetchall()
        listed_people = []
        if listed:
            listed_people = con.execute(
                f"SELECT person_id, {priority}, score, band, fired FROM scored WHERE "
                + " AND ".join(not_holding + eligible
                               + [f"({c}) IS FALSE" for c in exclusions]
                               + [f"({listed}) IS TRUE"])).fetchall()
        holders = con.execute(
            f"SELECT count(*) FROM scored WHERE ({holds}) IS TRUE").fetchone()[0] if holds else 0
        rows += place(programme, capacity, candidates, holders, listed_people, PIED_NOTE)
    write_referrals(os.path.join(out, "referrals.csv"), rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    run(args.input, args.out, args.as_of, args.threads)


if __name__ == "__main__":
    main()
