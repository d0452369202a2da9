"""10,000 project rows from one spreadsheet: the dry run (as the upload answers it) and the
apply (the Celery task's body, as a worker runs it), each timed. Target: the apply within a
minute (issue 24)."""

import csv
import io
import time

ROWS = 10_000
TARGET_SECONDS = 60


def run(rows: int = ROWS) -> list[tuple]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from accounts.models import Role, User
    from imports.kinds import PROJECT
    from imports.services import import_apply, import_check
    from imports.tasks import run_import
    from investors.models import Investor
    from reference.models import Region, RegionKind

    user = User.objects.create(username="bench_importer", role=Role.BUREAU)
    city = Region.objects.create(code="430700", name="常德市", kind=RegionKind.CITY)
    regions = [
        Region.objects.create(code=f"4307{i:02d}", name=f"区{i}", kind=RegionKind.DISTRICT,
                              parent=city)
        for i in range(2, 8)
    ]  # fmt: skip
    investor = Investor.objects.create(
        name="丰源集团", name_zh_hans="丰源集团", name_en="Fengyuan", country="SG",
        owner_region=regions[0], created_by=user,
    )  # fmt: skip
    with translation.override("en"):
        header = [str(c.label) for c in PROJECT.columns]
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    for i in range(rows):
        contract = i % 2 == 0
        values = {
            "code": f"BENCH-{i:05d}",
            "name_zh_hans": f"项目{i}",
            "region": regions[i % len(regions)].code,
            "investor": str(investor.pk) if contract else "",
            "total_investment_cny_10k": "5000" if contract else "",
            "contracted_fdi_usd_10k": "300" if contract else "",
            "intent_date": "2024-03-01",
            "contract_date": "2024-06-01" if contract else "",
        }
        w.writerow([values.get(c.key, "") for c in PROJECT.columns])
    upload = SimpleUploadedFile("projects.csv", out.getvalue().encode("utf-8"))

    start = time.perf_counter()
    with translation.override("en"):
        job = import_check(user=user, kind="projects", uploaded=upload)
    check_seconds = time.perf_counter() - start
    print(f"dry run: {job.valid} valid, {job.invalid} invalid in {check_seconds:.1f} s")

    import_apply(user=user, job=job)
    start = time.perf_counter()
    run_import.apply(args=[job.pk])
    apply_seconds = time.perf_counter() - start
    job.refresh_from_db()
    print(f"apply: {job.written} written, {job.failed} failed in {apply_seconds:.1f} s")
    return [
        (f"imports: dry run of {rows:,} project rows", f"{check_seconds:.1f} s", "(no target)",
         True),
        (f"imports: apply {rows:,} project rows in the background", f"{apply_seconds:.1f} s",
         f"< {TARGET_SECONDS} s", apply_seconds < TARGET_SECONDS and job.written == rows),
    ]  # fmt: skip
