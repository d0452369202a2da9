"""Row counts and checksums of a database, for scripts/upgrade_check.sh.

    upgrade_snapshot.py take DATABASE_URL OUT.json      every table's rows and columns, and an
                                                        md5 of each row of the key tables
    upgrade_snapshot.py compare BEFORE.json AFTER.json STAGE [--extra IDS.json]

`compare` checks that no table lost rows, that tables kept their row counts except those the
upgrade changes on purpose (UPGRADE_CHANGES, with the reason), and that every key record kept
the values of the columns both versions have. After seed_demo (STAGE=seed) it checks the
records that are not the demo's (listed in IDS.json) are untouched and that nothing was
deleted; demo records may change (their dates follow today). Exits 1 on any difference.
Plain psycopg: it runs under either release's code.
"""

import json
import sys

import psycopg

# The records an installation cannot lose: projects, arrivals, investors, users, statistics.
KEY_TABLES = [
    "projects_project",
    "projects_capitalarrival",
    "investors_investor",
    "accounts_user",
    "stats_statssnapshot",
    "stats_statsfigure",
    "stats_monthlyreport",
    "liaison_liaisonassignment",
    "feedback_case",
    "feedback_review",
]

# Tables whose row count the upgrade changes on purpose (from release 0.1.0, f80c3f1).
UPGRADE_CHANGES = {
    "django_migrations": "one row per migration applied",
    "django_content_type": "the new models' content types",
    "auth_permission": "the new models' permissions",
    "investors_historicalinvestor": "history backfilled for investors created before it existed",
    "liaison_historicalliaisonassignment": "history backfilled (assignments before history)",
    "projects_historicalcapitalarrival": "history backfilled (arrivals before history)",
    "reference_workcalendarday": "the official working-day calendar loaded (reference 0003)",
    "feedback_publicholiday": "dropped: holidays moved to the working-day calendar",
    "django_celery_beat_periodictask": "the new schedules (report reminders, calendar check)",
    "django_celery_beat_crontabschedule": "the new schedules' times",
}
# Columns whose values the upgrade rewrites on purpose (from 0.3.0, de5e3f8).
COLUMN_CHANGES: dict[str, set[str]] = {
    # feedback 0006: a bad review's case names the enterprise (the project's investor), not
    # the project (issue 27, point 1).
    "feedback_case": {"enterprise_name"},
}


def take(url: str, out: str) -> None:
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT table_name, array_agg(column_name::text ORDER BY column_name) "
            "FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name"
        )
        columns = dict(cur.fetchall())
        # A number is compared by its value: a column given more decimal places (a rate to
        # USD: 6 → 14 in 0.4.0) pads the same value with zeros.
        cur.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = 'numeric'"
        )
        numeric = set(cur.fetchall())
        counts = {}
        for table in sorted(columns):
            cur.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (catalogue names)
            counts[table] = cur.fetchone()[0]
        rows = {}
        for table in KEY_TABLES:
            if table not in columns:
                continue
            cols = ", ".join(
                f'trim_scale("{c}")::text' if (table, c) in numeric else f'"{c}"::text'
                for c in columns[table]
            )
            cur.execute(f'SELECT "id", {cols} FROM "{table}" ORDER BY 1')  # noqa: S608
            rows[table] = {
                str(r[0]): dict(zip(columns[table], r[1:], strict=True)) for r in cur.fetchall()
            }
    with open(out, "w") as f:
        json.dump({"columns": columns, "counts": counts, "rows": rows}, f)


def _load(path: str) -> dict:
    with open(path) as f:
        return json.load(f)


def _digest(row: dict, cols) -> str:
    import hashlib

    return hashlib.md5(  # noqa: S324 (a checksum, not security)
        json.dumps([row.get(c) for c in sorted(cols)]).encode()
    ).hexdigest()


def compare(before_path: str, after_path: str, stage: str, extra_path: str | None) -> int:
    before, after = (_load(p) for p in (before_path, after_path))
    problems, notes = [], []
    for table, n in sorted(before["counts"].items()):
        m = after["counts"].get(table)
        if m is None:
            (notes if table in UPGRADE_CHANGES else problems).append(f"{table}: table gone")
        elif m < n:
            problems.append(f"{table}: {n} rows before, {m} after")
        elif m != n:
            if stage == "upgrade" and table not in UPGRADE_CHANGES:
                problems.append(f"{table}: {n} rows before, {m} after (not an expected change)")
            else:
                why = UPGRADE_CHANGES.get(table) if stage == "upgrade" else "seed_demo's records"
                notes.append(f"{table}: {n} → {m} ({why})")
    extra = _load(extra_path) if extra_path else {}
    for table, rows in before["rows"].items():
        cols = (set(before["columns"][table]) & set(after["columns"].get(table, []))) - (
            COLUMN_CHANGES.get(table, set())
        )
        after_rows = after["rows"].get(table, {})
        changed = [
            pk
            for pk, row in rows.items()
            if pk not in after_rows or _digest(row, cols) != _digest(after_rows[pk], cols)
        ]
        if stage == "seed":
            ours = {str(i) for i in extra.get(table, [])}
            missing = [pk for pk in ours if pk not in rows]
            if missing:
                problems.append(f"{table}: extra records {missing} missing before seed_demo")
            bad = [pk for pk in changed if pk in ours or pk not in after_rows]
            if bad:
                problems.append(f"{table}: non-demo records changed or deleted: {bad[:20]}")
            demo = [pk for pk in changed if pk not in bad]
            if demo:
                notes.append(f"{table}: {len(demo)} demo records refreshed by seed_demo")
        elif changed:
            problems.append(f"{table}: {len(changed)} records changed: {changed[:20]}")
        checksum = _digest({pk: _digest(r, cols) for pk, r in rows.items()}, rows)
        print(f"  {table}: {len(rows)} records, checksum {checksum[:12]}")
    for note in notes:
        print(f"  expected: {note}")
    for problem in problems:
        print(f"  DIFFERENCE: {problem}")
    print(f"{stage}: {'OK' if not problems else f'{len(problems)} differences'}")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "take":
        take(sys.argv[2], sys.argv[3])
    else:
        extra = sys.argv[sys.argv.index("--extra") + 1] if "--extra" in sys.argv else None
        sys.exit(compare(sys.argv[2], sys.argv[3], sys.argv[4], extra))
