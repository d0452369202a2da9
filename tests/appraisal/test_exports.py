"""The appraisal's printed report (PDF), read back with poppler's tools as a reader's machine
would: every font embedded and subset, A4 landscape, the title block, headers with their
points and units, page numbers, headers repeated on every page, in both languages."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from appraisal.models import IndicatorScore, Score
from config.pdf import CJK, LATIN, markup, runs
from reference.models import RegionKind
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

POPPLER = ("pdffonts", "pdftotext", "pdfinfo")


@pytest.fixture(autouse=True)
def _poppler():
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    assert not missing, f"{missing} missing: install Debian's poppler-utils"


def _pdf(client, user, appraisal, lang) -> bytes:
    client.force_login(user)
    response = client.get(reverse("appraisal:export_pdf", args=[appraisal.pk]) + f"?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def _run(tool, body: bytes, tmp_path, *args) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(body)
    return subprocess.run(  # noqa: S603 (poppler, on a file the test wrote)
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _flat(text: str) -> str:
    """Chinese text without the line breaks of wrapped table headers (and without spaces)."""
    return "".join(text.split())


def _words(text: str) -> str:
    """English text with every run of white space one space."""
    return " ".join(text.split())


def _fonts(body, tmp_path) -> list[dict]:
    """pdffonts' table as rows: name, emb, sub (the columns read from the right, since a
    type such as "CID TrueType" has a space in it)."""
    lines = _run("pdffonts", body, tmp_path).splitlines()[2:]
    rows = []
    for line in lines:
        cells = line.split()
        rows.append({"name": cells[0], "emb": cells[-5], "sub": cells[-4]})
    return rows


@pytest.fixture
def demo_city(db):
    return RegionFactory(name_zh_hans="示范市", name_en="Demo City", kind=RegionKind.CITY)


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_pdf_embeds_every_font_as_a_subset(client, admin_user, published, lang, tmp_path):
    """No font is merely referenced: a reader's machine draws what the bureau printed. The
    Chinese report uses both faces; the English one (every name has its English text here)
    needs the Latin face alone."""
    fonts = _fonts(_pdf(client, admin_user, published, lang), tmp_path)
    assert fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    names = " ".join(f["name"] for f in fonts)
    assert ("WenQuanYiMicroHei" in names) == (lang == "zh-hans")
    assert "LiberationSans" in names
    assert "STSong" not in names
    assert "Helvetica" not in names


def test_pdf_reads_as_an_official_table_in_chinese(
    client, admin_user, published, demo_city, tmp_path
):
    body = _pdf(client, admin_user, published, "zh-hans")
    info = _run("pdfinfo", body, tmp_path)
    assert "841.89 x 595.276 pts (A4)" in info  # landscape
    text = _flat(_run("pdftotext", body, tmp_path, "-raw"))
    assert "示范市2026年度招商引资工作考核结果" in text
    assert "示范市招商局" in text
    assert "第1版" in text
    assert "公示中" in text  # published: under public notice
    day = timezone.localdate(published.published_at)
    assert f"{day.year}年{day.month}月{day.day}日" in text
    # Headers: the indicator with its points, the value with its unit, full-width brackets.
    assert "洽谈项目完成率（15分）" in text
    assert "实际使用外资完成率（25分）" in text
    assert "（万美元）" in text
    assert "（个）" in text
    assert "虚报项目扣分（最多扣20分）" in text
    assert "总得分" in text
    assert "一、地区" in text
    assert "二、联系单位" in text
    assert "三、引资人与个人" in text
    pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    assert f"第1页共{pages}页" in text
    # The closing page: the scheme's methods and weights.
    assert "附：考核计分办法" in text
    assert "功效系数法" in text


def test_pdf_reads_as_an_official_table_in_english(
    client, admin_user, published, demo_city, tmp_path
):
    body = _pdf(client, admin_user, published, "en")
    text = _words(_run("pdftotext", body, tmp_path, "-raw"))
    assert "Demo City 2026 Investment Promotion Appraisal Results" in text
    assert "Demo City Investment Promotion Bureau" in text
    assert "Version 1" in text
    assert "Under public notice" in text
    assert "Projects negotiated (15 pts)" in text
    assert "(10k USD)" in text
    assert "Falsely reported projects (up to −20 pts)" in text
    assert "1. Regions" in text
    assert "Page 1 of " in text
    assert "Annex: how the scores are computed" in text


def test_pdf_without_a_city_names_the_bureau_alone(client, admin_user, published, tmp_path):
    text = _flat(
        _run("pdftotext", _pdf(client, admin_user, published, "zh-hans"), tmp_path, "-raw")
    )
    assert "2026年度招商引资工作考核结果" in text
    assert "招商局" in text


def test_pdf_repeats_the_table_headers_on_every_page(client, admin_user, published, tmp_path):
    """A ranking longer than a page: its header rows open every page it runs over."""
    entry = published.scores.filter(subject_kind="region").order_by("pk").first()
    parts = list(entry.indicators.all())
    for n in range(60):
        copy = Score.objects.create(
            appraisal=published,
            subject_kind=entry.subject_kind,
            subject_key=f"region:{10_000 + n}",
            label_zh_hans=f"测试区{n}",
            label_en=f"Test district {n}",
            rank=3 + n,
            total=entry.total,
        )
        IndicatorScore.objects.bulk_create(
            IndicatorScore(
                entry=copy,
                **{
                    f: getattr(p, f)
                    for f in (
                        "code",
                        "name_zh_hans",
                        "name_en",
                        "method",
                        "weight",
                        "value",
                        "target",
                        "method_score",
                        "score",
                        "explanation",
                        "sort_order",
                    )
                },
            )
            for p in parts
        )
    body = _pdf(client, admin_user, published, "zh-hans")
    for page in (1, 2, 3):
        text = _run("pdftotext", body, tmp_path, "-raw", "-f", str(page), "-l", str(page))
        assert "洽谈项目完成率（15分）" in _flat(text), page
        assert f"第{page}页" in _flat(text)


def test_latin_text_is_drawn_in_the_latin_face():
    """ "Anna Müller" in Latin type, Chinese and full-width punctuation in the CJK face; the
    middle dot the Latin face has stays in it."""
    assert runs("Anna Müller（甲区）· 王敏") == [
        (LATIN, "Anna Müller"),
        (CJK, "（甲区）"),
        (LATIN, "· "),
        (CJK, "王敏"),
    ]


def test_names_are_text_not_markup(client, admin_user, published, tmp_path):
    """A name with markup characters prints as typed (no 500, nothing swallowed)."""
    assert markup("A<b>&") == f'<font face="{LATIN}">A&lt;b&gt;&amp;</font>'
    score = published.scores.filter(subject_kind="person").order_by("pk").first()
    score.label_zh_hans = "Anna Müller <b>&<para>"
    score.label_en = "Anna Müller <b>&<para>"
    score.save()
    for lang in ("zh-hans", "en"):
        text = _run("pdftotext", _pdf(client, admin_user, published, lang), tmp_path, "-raw")
        assert "Anna Müller <b>&<para>" in text


def test_a_further_section_is_one_call(admin_user, published, tmp_path):
    """Another list (the introducers' rewards, say) is appended with `report.table`: it gets
    the next section number and its own header row."""
    from django.utils import translation

    from appraisal.exports import appraisal_report
    from appraisal.selectors import rankings
    from config.pdf import Column

    with translation.override("zh-hans"):
        report = appraisal_report(published, rankings(admin_user, published))
        report.table(
            "引资奖励对象",
            [Column("引资人"), Column("奖励金额（万元）", numeric=True)],
            [["Anna Müller", "12.5"]],
        )
        body = report.build()
    text = _flat(_run("pdftotext", body, tmp_path, "-raw"))
    assert "四、引资奖励对象" in text
    assert "奖励金额（万元）" in text
    assert "AnnaMüller12.5" in text
