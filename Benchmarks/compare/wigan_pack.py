"""The Wigan pack's constants, as both translations (DuckDB and Polars) hard-code them.

They follow rules/wigan: scoring.yaml, the indicators in pack order (files in name order,
indicators in file order), the programmes in pack order, schema.yaml's relations and tables,
and the default null spellings of a source. Keep them in step with the pack.
"""

DOMAINS = [("education", 20), ("exclusion", 25), ("missing_education", 20),
           ("police_contact", 35), ("welfare", 25), ("familial", 15), ("peer", 15),
           ("protective", 0)]
BANDS = [("high", 50), ("medium", 25), ("low", 10), ("none", 0)]
INDICATORS = [  # id, domain, points
    ("persistent_absence", "education", 10), ("severe_absence", "education", 10),
    ("suspension_12m", "exclusion", 8), ("repeat_suspension_12m", "exclusion", 7),
    ("violent_behaviour_in_school", "exclusion", 5), ("permanent_exclusion_2y", "exclusion", 20),
    ("parent_carer_violent_offending", "familial", 8),
    ("sibling_or_household_violent_offending", "familial", 6),
    ("cme_current", "missing_education", 20), ("cme_recent", "missing_education", 10),
    ("peer_violent_offending", "peer", 8), ("peer_group_offending", "peer", 5),
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
PROGRAMMES = [("blocks", None), ("early_help", None), ("pied", None), ("stepping_up", None),
              ("west_london_zone", 400)]  # id, capacity
RELATIONS = ["sibling", "parent_carer", "household", "peer", "co_offender"]
SYMMETRIC = ["sibling", "household", "peer", "co_offender"]
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
               "child_protection_plan": "bool", "looked_after": "bool", "date": "date",
               "days": "double", "open": "bool", "weapon": "bool", "hours": "double",
               "child_present": "bool", "sharp_object": "bool"}
VIOLENT = ["violence_with_injury", "violence_without_injury", "robbery", "sexual_offence"]
VIOLENT_OR_WEAPON = VIOLENT + ["weapon_possession"]
IN_SCHOOL_VIOLENCE = ["physical_assault_pupil", "physical_assault_adult", "verbal_abuse",
                      "weapon"]
