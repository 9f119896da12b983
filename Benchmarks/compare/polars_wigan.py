"""The Wigan rule pack (rules/wigan) written with Polars.

Reads the extracts in --input as rules/wigan/schema.yaml maps them, scores everyone as of
--as-of and writes scores.csv and referrals.csv in Signpost's format (RunOutputs.swift):
the same columns, the same row order, CRLF line ends.

Unknowns are nulls. Polars' `&`, `|` and `~` on nullable booleans are Kleene logic, which is
what CEL does with unknowns (false && unknown = false, true || unknown = true), and
`==`, `is_in` and `<=` give null on a missing value, like CEL's strict operators. A filter
over events is unknown when any event's condition is unknown (CEL's filter macro); so is its
size and anything added to it. An indicator whose `when` is unknown is not evaluated and
scores nothing.

Assumes clean extracts (`signpost synth --bad-rows 0`): every table present, every value
valid. Rows naming a person in no person table are dropped, as Signpost rejects them.

    python polars_wigan.py --input DIR --out OUT --as-of 2025-04-01
"""

import argparse
import csv
import datetime
import os

import polars as pl

from wigan_pack import (
    DOMAINS, BANDS, INDICATORS, PROGRAMMES, RELATIONS, SYMMETRIC, NULLS, PERSON_TABLES,
    EVENT_TABLES, EVENT_FIELDS, PRECEDENCE, FIELD_TYPES, VIOLENT, VIOLENT_OR_WEAPON,
    VICTIM_VIOLENT, VICTIM_VIOLENT_OR_WEAPON, IN_SCHOOL_VIOLENCE, IN_SCHOOL_WEAPON,
    WEST_LONDON_ZONE_URNS, PIED_NOTE, place, write_referrals)

# Column types by field name, in Polars' types (others are read as text).
TYPES = {field: {"date": pl.Date, "int": pl.Int64, "double": pl.Float64, "bool": pl.Boolean}[kind]
         for field, kind in FIELD_TYPES.items()}

col = pl.col
UNKNOWN = pl.lit(None, dtype=pl.Boolean)


def tri(n, u, k):
    """`count >= k`, where the count is unknown when u holds."""
    return pl.when(u).then(UNKNOWN).otherwise(n >= k)


def run(directory, out, as_of_text):
    as_of = datetime.date.fromisoformat(as_of_text)

    def read(table):
        """A table of schema.yaml, each column typed as the schema declares its field; in the
        one-events-file shape an event table is the rows of events.csv whose `type` is its
        name."""
        path = os.path.join(directory, f"{table}.csv")
        events = os.path.join(directory, "events.csv")
        if table in EVENT_TABLES and not os.path.exists(path) and os.path.exists(events):
            with open(events, newline="") as f:
                columns = next(csv.reader(f))
            return (pl.scan_csv(events, schema={c: TYPES.get(c, pl.String) for c in columns},
                                null_values=NULLS)
                    .filter(col("type") == table)
                    .select(["person_id", "date"] + EVENT_FIELDS[table]))
        with open(path, newline="") as f:
            columns = next(csv.reader(f))
        return pl.scan_csv(path, schema={c: TYPES.get(c, pl.String) for c in columns},
                           null_values=NULLS)

    def within(days):
        """within(e.date, days(N)): as_of - N days < date <= as_of."""
        return (col("date") > as_of - datetime.timedelta(days=days)) & (col("date") <= as_of)

    # --- Persons: in order of first appearance in the person tables, in schema order
    # (people.csv, pupils.csv, social_care.csv); a person table's first row for an id wins.
    tables = {t: read(t) for t in PERSON_TABLES}
    order = (pl.concat([tables[t].select("person_id") for t in PERSON_TABLES])
             .unique("person_id", keep="first", maintain_order=True)
             .with_row_index("ord"))
    wanted = {"people": [], "pupils": ["school", "school_urn", "year_group", "attendance"],
              "social_care": ["open_to_service", "engaged_west_london_zone"]}
    births = []
    for t in PRECEDENCE["date_of_birth"]:
        if "date_of_birth" in tables[t].collect_schema().names():
            wanted[t].append(pl.col("date_of_birth").alias(f"date_of_birth_{t}"))
            births.append(col(f"date_of_birth_{t}"))
    persons = order
    for t in PERSON_TABLES:
        if wanted[t]:
            persons = persons.join(
                tables[t].select("person_id", *wanted[t]).unique("person_id", keep="first"),
                on="person_id", how="left")
    persons = persons.with_columns(date_of_birth=pl.coalesce(births))

    # --- Event lists: per person, for each filter, how many events hold (n) and whether any
    # event's condition is unknown (u).
    def counts(table, filters):
        aggs = []
        for name, cond in filters.items():
            aggs += [cond.sum().alias(f"{name}_n"), cond.is_null().any().alias(f"{name}_u")]
        return read(table).group_by("person_id").agg(aggs)

    w7, w90, w183, w365, w730, w4383 = (within(d) for d in (7, 90, 183, 365, 730, 4383))
    suspect, victim, witness = (col("role") == r for r in ("suspect", "victim", "witness"))
    violent = col("offence").is_in(VIOLENT)
    violent_weapon = col("offence").is_in(VIOLENT_OR_WEAPON)
    victim_violent = col("offence").is_in(VICTIM_VIOLENT)
    victim_violent_weapon = col("offence").is_in(VICTIM_VIOLENT_OR_WEAPON)
    in_school = col("reason").is_in(IN_SCHOOL_VIOLENCE)
    weapon = col("reason").is_in(IN_SCHOOL_WEAPON)

    def school(prefix):  # the exclusion indicators' filters over one list
        return {f"{prefix}_violent": w365 & in_school, f"{prefix}_weapon": w365 & weapon,
                f"{prefix}_recent": w183 & in_school,
                f"{prefix}_before": w365 & ~w183 & in_school}
    aggregates = [
        counts("suspensions", {"susp": w365, **school("susp")}),
        counts("permanent_exclusions", {"perm": w730, **school("perm")}),
        counts("cme_episodes", {"cme_open": col("open") & w4383,
                                "cme_ended": ~col("open") & w365}),
        counts("police_contacts", {
            "ps7": suspect & w7,
            "ps12": suspect & w365,
            "vs12": suspect & w365 & violent,
            "ws12": suspect & w365 & (col("weapon") | (col("offence") == "weapon_possession")),
            "rvo": suspect & w365 & (violent_weapon | col("weapon")),
            "pv7": victim & w7,
            "pv12": victim & w365,
            "vv12": victim & w365 & (victim_violent | col("weapon")),
            "wv12": witness & w365 & (victim_violent_weapon | col("weapon"))}),
        counts("missing_episodes", {"miss": w90}),
        counts("ae_assault_attendances", {"ae": w365, "ae_sharp": col("sharp_object") & w365}),
        counts("domestic_abuse", {"da": w365}),
        counts("mental_health_referrals", {"mh": w365}),
    ]
    facts = persons
    for aggregate in aggregates:
        facts = facts.join(aggregate, on="person_id", how="left")
    # No events: counts 0, known.
    facts = facts.with_columns(
        pl.col("^.*_n$").fill_null(0), pl.col("^.*_u$").fill_null(False))

    # --- Indicators that read only the person (the first stratum).
    def either(name):  # a count over both lists, unknown when either filter is
        return pl.when(col(f"susp_{name}_u") | col(f"perm_{name}_u")).then(None) \
            .otherwise(col(f"susp_{name}_n") + col(f"perm_{name}_n"))
    years = (col("year_group") >= 1) & (col("year_group") <= 11)
    base = facts.select(
        "person_id", "ord", "date_of_birth", "school", "school_urn", "year_group", "attendance",
        "open_to_service", "engaged_west_london_zone",
        persistent_absence=years & (col("attendance") <= 90.0),
        severe_absence=years & (col("attendance") <= 50.0),
        suspension_12m=tri(col("susp_n"), col("susp_u"), 1),
        repeat_suspension_12m=tri(col("susp_n"), col("susp_u"), 2),
        violent_behaviour_in_school=tri(col("susp_violent_n") + col("perm_violent_n"),
                                        col("susp_violent_u") | col("perm_violent_u"), 1),
        weapon_in_school_12m=tri(col("susp_weapon_n") + col("perm_weapon_n"),
                                 col("susp_weapon_u") | col("perm_weapon_u"), 1),
        violent_behaviour_worsening=(either("recent") >= 2) & (either("recent") > either("before")),
        permanent_exclusion_2y=tri(col("perm_n"), col("perm_u"), 1),
        cme_current=tri(col("cme_open_n"), col("cme_open_u"), 1),
        cme_recent=tri(col("cme_ended_n"), col("cme_ended_u"), 1),
        police_suspect_7d=tri(col("ps7_n"), col("ps7_u"), 1),
        police_suspect_12m=tri(col("ps12_n"), col("ps12_u"), 1),
        violence_suspect_12m=tri(col("vs12_n"), col("vs12_u"), 1),
        weapon_suspect_12m=tri(col("ws12_n"), col("ws12_u"), 1),
        repeat_violent_offending=tri(col("rvo_n"), col("rvo_u"), 2),
        good_attendance=col("attendance") >= 95.0,
        police_victim_7d=tri(col("pv7_n"), col("pv7_u"), 1),
        police_victim_12m=tri(col("pv12_n"), col("pv12_u"), 1),
        violence_victim_12m=tri(col("vv12_n"), col("vv12_u"), 1),
        witness_to_violence_12m=tri(col("wv12_n"), col("wv12_u"), 1),
        missing_episode_90d=tri(col("miss_n"), col("miss_u"), 1),
        repeat_missing_90d=tri(col("miss_n"), col("miss_u"), 3),
        ae_assault_12m=tri(col("ae_n"), col("ae_u"), 1),
        ae_sharp_injury_12m=tri(col("ae_sharp_n"), col("ae_sharp_u"), 1),
        domestic_abuse_at_home=tri(col("da_n"), col("da_u"), 1),
        mental_health_referral_12m=tri(col("mh_n"), col("mh_u"), 1),
    ).collect().lazy()  # read by the network step and the scores: compute once

    # --- Network indicators (context, 0 points), over links (symmetric relations both ways,
    # parent_carer from the child to the adult; duplicates count once). Per (person, linked
    # person) pair: which relation groups link them. Counting sibling and household
    # separately cannot change `count >= 1` or whether it is unknown.
    links = read("links").filter(col("relation").is_in(RELATIONS))
    directed = pl.concat([
        links.select(src=col("person_id"), dst=col("linked_person_id"), relation=col("relation")),
        links.filter(col("relation").is_in(SYMMETRIC))
        .select(src=col("linked_person_id"), dst=col("person_id"), relation=col("relation")),
    ])
    pairs = directed.group_by("src", "dst").agg(
        pc=(col("relation") == "parent_carer").any(),
        sh=col("relation").is_in(["sibling", "household"]).any(),
        pe=(col("relation") == "co_offender").any())
    linked = base.select("person_id", "violence_suspect_12m", "weapon_suspect_12m",
                         "police_suspect_12m")
    offending = col("violence_suspect_12m") | col("weapon_suspect_12m")
    network = (pairs.join(linked, left_on="dst", right_on="person_id", how="inner")
               .group_by("src")
               .agg(pcv_n=(col("pc") & offending).sum(),
                    pcv_u=(col("pc") & offending.is_null()).any(),
                    shv_n=(col("sh") & offending).sum(),
                    shv_u=(col("sh") & offending.is_null()).any(),
                    pev_n=(col("pe") & offending).sum(),
                    pev_u=(col("pe") & offending.is_null()).any(),
                    peg_n=(col("pe") & col("police_suspect_12m")).sum(),
                    peg_u=(col("pe") & col("police_suspect_12m").is_null()).any()))

    def net(name, k):  # a person with no links has empty lists: counts 0, known
        return tri(col(f"{name}_n").fill_null(0), col(f"{name}_u").fill_null(False), k)

    dob = col("date_of_birth")
    indicators = (
        base.join(network, left_on="person_id", right_on="src", how="left")
        .with_columns(
            parent_carer_violent_offending=net("pcv", 1),
            sibling_or_household_violent_offending=net("shv", 1),
            co_suspect_violent_offending=net("pev", 1),
            co_suspect_group_offending=net("peg", 2),
            settled_in_education=(col("school") != "") & (col("attendance") > 90.0)
            & ~col("suspension_12m")
            & ~col("permanent_exclusion_2y") & ~col("cme_current") & ~col("cme_recent"),
            age=(pl.lit(as_of.year) - dob.dt.year()
                 - pl.when(pl.lit(as_of.month * 100 + as_of.day)
                           < dob.dt.month().cast(pl.Int32) * 100 + dob.dt.day())
                 .then(1).otherwise(0)),
        ))

    # --- Scores: capped domain points, held to 0-100, band; scope age <= 25 (a person whose
    # age cannot be decided is undecided, not scored).
    points = {}
    for domain, cap in DOMAINS:
        terms = [pl.when(col(i)).then(p).otherwise(0) for i, d, p in INDICATORS if d == domain]
        points[f"points_{domain}"] = pl.min_horizontal(pl.sum_horizontal(terms), cap)
    band = pl.when(col("score") >= BANDS[0][1]).then(pl.lit(BANDS[0][0]))
    for b, minimum in BANDS[1:-1]:
        band = band.when(col("score") >= minimum).then(pl.lit(b))
    band = band.otherwise(pl.lit(BANDS[-1][0]))

    def joined(flags):
        text = pl.concat_str(flags, separator=";", ignore_nulls=True)
        return pl.when(text == "").then(None).otherwise(text)

    scored = (
        indicators.filter((col("age") <= 25).fill_null(False))
        .with_columns(**points)
        .with_columns(score=pl.sum_horizontal(points.keys()).clip(0, 100))
        .with_columns(
            band=band,
            fired=joined([pl.when(col(i)).then(pl.lit(i)) for i, _, _ in INDICATORS]),
            not_evaluated=joined(
                [pl.when(col(i).is_null()).then(pl.lit(i)) for i, _, _ in INDICATORS]))
        .sort("ord")
        .collect())

    os.makedirs(out, exist_ok=True)
    scored.select(["person_id", "score", "band", *points.keys(), "fired", "not_evaluated"]) \
        .write_csv(os.path.join(out, "scores.csv"), line_terminator="\r\n")

    # --- Referrals. Per programme, with Polars: the eligible (every eligibility condition
    # true, every exclusion false; an unknown one is not evaluated), those an exclusion with
    # outcome `listed` lists (eligible but for it), and how many hold a place (outcome
    # `holds_place`, decided first). Placing them (places net of holders, ties at the last
    # place to the panel) is wigan_pack.place, ProgrammeKernel.place's twin.
    age, year_group = col("age"), col("year_group")
    conditions = {  # eligibility, exclusions, listed (outcome listed), holds (holds_place)
        "blocks": (
            [(age >= 9) & (age <= 11)  # !has(person.year_group): no value, in a supplied source
             & ((year_group == 5) | (year_group == 6) | year_group.is_null()),
             col("weapon_suspect_12m") | col("weapon_in_school_12m")
             | col("violent_behaviour_worsening")
             | (col("violent_behaviour_in_school") & col("parent_carer_violent_offending"))],
            [], None, None),
        "early_help": (
            [age <= 17,
             (col("band") == "high") | (col("band") == "medium") | col("police_victim_7d")
             | col("violence_victim_12m") | col("domestic_abuse_at_home")
             | col("ae_assault_12m") | col("repeat_missing_90d")],
            [col("open_to_service")], None, None),
        "pied": (
            [(age >= 10) & (age <= 17), col("police_suspect_7d")],
            [], col("open_to_service"), None),
        "stepping_up": (
            [(age >= 18) & (age <= 25), col("police_suspect_12m")],
            [], None, None),
        "west_london_zone": (
            [(age >= 5) & (age <= 16) & (year_group >= 1) & (year_group <= 11),
             col("school_urn").is_in(WEST_LONDON_ZONE_URNS),
             col("persistent_absence") | col("suspension_12m") | col("permanent_exclusion_2y")],
            [col("cme_current")], None, col("engaged_west_london_zone")),
    }
    priorities = {"west_london_zone": col("score").cast(pl.Float64)
                  + ((100.0 - col("attendance")) / 1000.0).fill_null(0.0)}
    rows = []
    for programme, capacity in PROGRAMMES:
        eligibility, exclusions, listed, holds = conditions[programme]
        priority = priorities.get(programme, col("score").cast(pl.Float64))
        required = ([(~holds).fill_null(False)] if holds is not None else []) \
            + [c.fill_null(False) for c in eligibility] \
            + [(~c).fill_null(False) for c in exclusions]

        def people(extra):
            return [tuple(row) for row in scored.filter(pl.all_horizontal(required + extra))
                    .select("person_id", priority.alias("priority"), "score", "band", "fired")
                    .iter_rows()]
        candidates = people([(~listed).fill_null(False)] if listed is not None else [])
        listed_people = people([listed.fill_null(False)]) if listed is not None else []
        holders = scored.filter(holds.fill_null(False)).height if holds is not None else 0
        rows += place(programme, capacity, candidates, holders, listed_people, PIED_NOTE)
    write_referrals(os.path.join(out, "referrals.csv"), rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--as-of", required=True)
    args = parser.parse_args()
    run(args.input, args.out, args.as_of)


if __name__ == "__main__":
    main()
