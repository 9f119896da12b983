"""The Wigan pack's constants, as both translations (DuckDB and Polars) hard-code them, and
the placing of referrals both share.

They follow rules/wigan 0.2.0: scoring.yaml, the indicators in pack order (files in name
order, indicators in file order), the programmes in pack order, schema.yaml's relations and
tables, and the default null spellings of a source. Keep them in step with the pack.
"""

import csv

DOMAINS = [("education", 20), ("exclusion", 25), ("missing_education", 20),
           ("police_contact", 35), ("welfare", 25), ("familial", 0), ("peer", 0),
           ("protective", 0)]
BANDS = [("high", 50), ("medium", 25), ("low", 10), ("none", 0)]
INDICATORS = [  # id, domain, points
    ("persistent_absence", "education", 10), ("severe_absence", "education", 10),
    ("suspension_12m", "exclusion", 8), ("repeat_suspension_12m", "exclusion", 7),
    ("violent_behaviour_in_school", "exclusion", 5), ("weapon_in_school_12m", "exclusion", 3),
    ("violent_behaviour_worsening", "exclusion", 3), ("permanent_exclusion_2y", "exclusion", 20),
    ("parent_carer_violent_offending", "familial", 0),
    ("sibling_or_household_violent_offending", "familial", 0),
    ("cme_current", "missing_education", 20), ("cme_recent", "missing_education", 10),
    ("co_suspect_violent_offending", "peer", 0), ("co_suspect_group_offending", "peer", 0),
    ("police_suspect_7d", "police_contact", 15), ("police_suspect_12m", "police_contact", 8),
    ("violence_suspect_12m", "police_contact", 10), ("weapon_suspect_12m", "police_contact", 12),
    ("repeat_violent_offending", "police_contact", 10),
    ("good_attendance", "protective", -5), ("settled_in_education", "protective", -5),
    ("police_victim_7d", "welfare", 4), ("police_victim_12m", "welfare", 6),
    ("violence_victim_12m", "welfare", 6), ("witness_to_violence_12m", "welfare", 3),
    ("missing_episode_90d", "welfare", 6), ("repeat_missing_90d", "welfare", 8),
    ("ae_assault_12m", "welfare", 8), ("ae_sharp_injury_12m", "welfare", 6),
    ("domestic_abuse_at_home", "welfare", 8), ("mental_health_referral_12m", "welfare", 5),
]
# id, capacity, ties (programmes/*.yaml)
PROGRAMMES = [("blocks", None), ("early_help", None), ("pied", None), ("stepping_up", None),
              ("west_london_zone", 400)]
RELATIONS = ["sibling", "parent_carer", "household", "co_offender"]
SYMMETRIC = ["sibling", "household", "co_offender"]
NULLS = ["", "NULL", "null"]
# Person tables in schema order (council, education, social_care); event tables.
PERSON_TABLES = ["people", "pupils", "social_care"]
EVENT_TABLES = ["suspensions", "permanent_exclusions", "cme_episodes", "police_contacts",
                "missing_episodes", "domestic_abuse", "ae_assault_attendances",
                "mental_health_referrals"]
# Each event list's fields after `date`, as schema.yaml declares them (the columns of its
# rows in the one-events-file shape).
EVENT_FIELDS = {"suspensions": ["days", "reason"], "permanent_exclusions": ["reason"],
                "cme_episodes": ["open"], "police_contacts": ["role", "offence", "weapon"],
                "missing_episodes": ["hours"], "domestic_abuse": ["child_present"],
                "ae_assault_attendances": ["sharp_object"], "mental_health_referrals": []}
# Fields the rules read that more than one source supplies, by table in precedence order:
# the first with a value wins (schema.yaml: date_of_birth from [council, education]).
PRECEDENCE = {"date_of_birth": ["people", "pupils"]}
# Column types by field name, as schema.yaml declares them (others are read as text).
FIELD_TYPES = {"date_of_birth": "date", "year_group": "int", "attendance": "double",
               "fsm": "bool", "open_to_service": "bool", "child_in_need": "bool",
               "child_protection_plan": "bool", "looked_after": "bool",
               "engaged_west_london_zone": "bool", "date": "date",
               "days": "double", "open": "bool", "weapon": "bool", "hours": "double",
               "child_present": "bool", "sharp_object": "bool"}
# indicators/police.yaml and welfare.yaml: serious violence by offence subgroup (and the
# groups named alone whose every subgroup is serious violence).
VIOLENT = ["homicide", "violence_with_injury", "violence_without_injury", "rape",
           "other_sexual_offences", "sexual_offences", "robbery_business_property",
           "robbery_personal_property", "robbery"]
VIOLENT_OR_WEAPON = VIOLENT + ["weapon_possession"]
# For victims and witnesses, "violence against the person" named alone counts too.
VICTIM_VIOLENT = ["homicide", "violence_with_injury", "violence_without_injury",
                  "violence_against_the_person", "rape", "other_sexual_offences",
                  "sexual_offences", "robbery_business_property", "robbery_personal_property",
                  "robbery"]
VICTIM_VIOLENT_OR_WEAPON = VICTIM_VIOLENT + ["weapon_possession"]
# indicators/exclusion.yaml: DfE reasons PP, PA, VP, VA, OW, BW; and the weapons OW, BW.
IN_SCHOOL_VIOLENCE = ["physical_assault_pupil", "physical_assault_adult", "verbal_abuse_pupil",
                      "verbal_abuse_adult", "offensive_weapon", "weapon_brought_in"]
IN_SCHOOL_WEAPON = ["offensive_weapon", "weapon_brought_in"]
# programmes/west_london_zone.yaml: the programme's schools.
WEST_LONDON_ZONE_URNS = ["911100", "911101", "912400", "912401", "910700", "910701", "911400",
                         "911401", "910000", "910001", "911700", "911701", "920000", "920700",
                         "921100", "921400", "921700", "922400"]
PIED_NOTE = "Already open: inform the allocated worker"


def ranks_before_key(candidate):
    """ProgrammeKernel.ranksBefore: priority, then score (both highest first), then id."""
    person_id, priority, score = candidate[:3]
    return (-priority, -score, person_id)


def place(programme, capacity, candidates, holders=0, listed=(), note=""):
    """ProgrammeKernel.place: rows (programme, rank, person_id, score, band, status, fired,
    note) of the candidates ((person_id, priority, score, band, fired), ranked), places net of
    holders, people tied at the last place listed for the panel, then `listed` people with
    `note`."""
    ranked = sorted(candidates, key=ranks_before_key)
    statuses = ["recommended"] * len(ranked)
    ranks = list(range(1, len(ranked) + 1))
    notes = [""] * len(ranked)
    if capacity is not None:
        places = max(0, capacity - holders)
        for i in range(places, len(ranked)):
            statuses[i] = "waitlisted"

        def tie(a, b):
            return a[1] == b[1] and a[2] == b[2]
        if 0 < places < len(ranked) and tie(ranked[places - 1], ranked[places]):
            start = places - 1
            while start > 0 and tie(ranked[start - 1], ranked[places]):
                start -= 1
            end = places
            while end + 1 < len(ranked) and tie(ranked[end + 1], ranked[places]):
                end += 1
            left, count = places - start, end - start + 1
            for i in range(start, end + 1):
                ranks[i] = start + 1
                statuses[i] = "tied"
                notes[i] = (f"{left} place{'' if left == 1 else 's'} left for {count} tied "
                            "at the last place: the panel decides")
    rows = [(programme, ranks[i], c[0], c[2], c[3], statuses[i], c[4] or "", notes[i])
            for i, c in enumerate(ranked)]
    rows += [(programme, 0, c[0], c[2], c[3], "listed", c[4] or "", note)
             for c in sorted(listed, key=ranks_before_key)]
    return rows


def write_referrals(path, rows):
    """referrals.csv as Signpost writes it (RunOutputs.swift): CRLF, quoted where needed."""
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(["programme", "rank", "person_id", "score", "band", "status", "fired",
                         "note"])
        writer.writerows(rows)
