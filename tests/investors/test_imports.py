import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from config.errors import DomainError
from investors.imports import import_apply, import_upload
from investors.models import Contact, Investor
from tests.factories import InvestorFactory

pytestmark = pytest.mark.django_db


def _csv(text):
    return SimpleUploadedFile("investors.csv", text.encode("utf-8"), content_type="text/csv")


def test_bad_rows_block_the_whole_file_until_valid_only_is_chosen(bureau_user, region_a):
    code = region_a.code
    batch = import_upload(
        user=bureau_user,
        kind="investors",
        uploaded=_csv(
            "name_zh_hans,name_en,country,owner_region,industry\n"
            f"丰源,Fengyuan,SG,{code},C\n"
            f"坏国家,Bad Country,XX,{code},\n"
            f",,DE,{code},\n"
            f"丰源集团,Fengyuan Group,SG,{code},\n"
            f"大成,Daesung,Korea (the Republic of),{code},\n"
        ),
    )
    assert not Investor.objects.exists()  # nothing written on upload
    errors = [r["error"] for r in batch.rows]
    assert errors[0] == ""
    assert errors[4] == ""
    assert errors[1].startswith("country")
    assert errors[2].startswith("name_zh_hans")
    assert errors[3]  # the same investor twice in the file
    with pytest.raises(DomainError):
        import_apply(user=bureau_user, batch=batch)
    assert not Investor.objects.exists()
    assert import_apply(user=bureau_user, batch=batch, valid_only=True) == 2
    assert set(Investor.objects.values_list("country", flat=True)) == {"SG", "KR"}
    with pytest.raises(DomainError):
        import_apply(user=bureau_user, batch=batch, valid_only=True)


def test_existing_investor_is_an_error_row(bureau_user, region_a):
    from investors import services

    services.investor_create(
        user=bureau_user, data={"name_en": "Fengyuan", "country": "SG", "owner_region": region_a}
    )
    batch = import_upload(
        user=bureau_user,
        kind="investors",
        uploaded=_csv(
            f"name_zh_hans,name_en,country,owner_region\n,Fengyuan Ltd,SG,{region_a.code}\n"
        ),
    )
    assert "name_zh_hans" in batch.rows[0]["error"]


def test_contacts_xlsx(bureau_user, region_a):
    inv = InvestorFactory(name_en="Acme", owner_region=region_a)
    wb = Workbook()
    ws = wb.active
    ws.append(["investor", "name", "email"])
    ws.append(["Acme", "Anna", "anna@example.com"])
    ws.append(["Acme", "Bad", "not-an-email"])
    out = io.BytesIO()
    wb.save(out)
    batch = import_upload(
        user=bureau_user, kind="contacts", uploaded=SimpleUploadedFile("c.xlsx", out.getvalue())
    )
    assert [bool(r["error"]) for r in batch.rows] == [False, True]
    import_apply(user=bureau_user, batch=batch, valid_only=True)
    assert list(Contact.objects.values_list("investor", "name")) == [(inv.pk, "Anna")]


def test_district_cannot_import_for_another_region(district_user, region_b):
    batch = import_upload(
        user=district_user,
        kind="investors",
        uploaded=_csv(f"name_zh_hans,name_en,country,owner_region\n甲,A,DE,{region_b.code}\n"),
    )
    assert batch.rows[0]["error"].startswith("owner_region")


def test_import_pages(client, bureau_user, liaison_user, region_a):
    client.force_login(liaison_user)
    assert client.get("/en/staff/investors/import/").status_code == 403
    client.force_login(bureau_user)
    resp = client.post(
        "/en/staff/investors/import/",
        {
            "kind": "investors",
            "file": _csv(f"name_zh_hans,name_en,country,owner_region\n甲,A,DE,{region_a.code}\n"),
        },
    )
    assert resp.status_code == 302
    preview = client.get(resp["Location"])
    assert "1 valid rows" in preview.content.decode() or "1" in preview.content.decode()
    assert not Investor.objects.exists()
    client.post(resp["Location"], {"mode": "all"})
    assert Investor.objects.count() == 1
