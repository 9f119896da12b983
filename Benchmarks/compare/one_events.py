"""Rewrites a folder of tidy extracts in the one-events-file shape many council warehouses
export: the person tables (people.csv, pupils.csv, social_care.csv) and links.csv as they
are, and every event of every list in one events.csv, told apart by a `type` column (the
list's name), with a column per field of any list and the cells of other lists' fields
empty (so `role` is empty for every event that is not a police contact).

    python one_events.py --input people-N --out people-N-one-events
    python one_events.py --pack rules/wigan --pack-out data/wigan-one-events

The second form writes a copy of the pack whose schema also reads events.csv: beside each
event list's tidy table, a table on events.csv with `where: { type: <list> }`.
"""

import argparse
import csv
import os
import shutil

from wigan_pack import EVENT_TABLES, PERSON_TABLES


def pack(source, out):
    """Copies the pack, adding a where: table on events.csv beside each tidy event table."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, out)
    path = os.path.join(out, "schema.yaml")
    with open(path) as f:
        text = f.read()
    for table in EVENT_TABLES:
        tidy = f"      - {{ kind: events, list: {table}, path: {table}.csv }}\n"
        if tidy not in text:
            raise SystemExit(f"{path}: no tidy table for {table}")
        text = text.replace(tidy, tidy + f"      - {{ kind: events, list: {table}, path: "
                                        f"events.csv, where: {{ type: {table} }} }}\n")
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input")
    parser.add_argument("--out")
    parser.add_argument("--pack")
    parser.add_argument("--pack-out")
    args = parser.parse_args()
    if args.pack:
        pack(args.pack, args.pack_out)
        return
    os.makedirs(args.out, exist_ok=True)
    for table in PERSON_TABLES + ["links"]:
        shutil.copyfile(os.path.join(args.input, f"{table}.csv"),
                        os.path.join(args.out, f"{table}.csv"))
    headers = {}
    for table in EVENT_TABLES:
        with open(os.path.join(args.input, f"{table}.csv"), newline="") as f:
            headers[table] = next(csv.reader(f))
    fields = []
    for table in EVENT_TABLES:
        fields += [c for c in headers[table] if c not in ("person_id", "date") and c not in fields]
    columns = ["person_id", "type", "date"] + fields
    with open(os.path.join(args.out, "events.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for table in EVENT_TABLES:
            with open(os.path.join(args.input, f"{table}.csv"), newline="") as f:
                reader = csv.reader(f)
                header = next(reader)
                for row in reader:
                    cells = dict(zip(header, row))
                    cells["type"] = table
                    writer.writerow([cells.get(c, "") for c in columns])


if __name__ == "__main__":
    main()
