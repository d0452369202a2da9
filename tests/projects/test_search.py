"""Name search in both languages: the pg_trgm indexes exist, the planner can answer the
search from them, and the search finds what it should (Chinese of 1, 2 and 3+ characters,
English in any case, by the investor's name too)."""

import pytest
from django.db import connection

from config.search import trigram_index_name
from investors.filters import InvestorFilter
from investors.models import Contact, Investor
from projects.filters import ProjectFilter
from projects.models import Project
from tests.factories import InvestorFactory, ProjectFactory

pytestmark = pytest.mark.django_db

INDEXES = [
    ("projects_project", "name_zh_hans"),
    ("projects_project", "name_en"),
    ("investors_investor", "name_zh_hans"),
    ("investors_investor", "name_en"),
    ("investors_investor", "notes"),
    ("investors_contact", "name"),
    ("investors_contact", "email"),
]


def test_trigram_indexes_exist_on_the_expression_icontains_uses():
    with connection.cursor() as c:
        c.execute("SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        defs = dict(c.fetchall())
    for table, column in INDEXES:
        indexdef = defs[trigram_index_name(table, column)]
        assert "USING gin" in indexdef
        # varchar columns show their cast to text, text columns none
        assert f"(upper(({column})::text) gin_trgm_ops)" in indexdef or (
            f"(upper({column}) gin_trgm_ops)" in indexdef
        )


def _plan(qs) -> str:
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as c:
        # A test table is tiny: forbid the sequential scan to see whether an index applies.
        # The plain index scans (in the list's sort order) are the planner's pick on a few rows
        # only; forbid them too, so the plan shows which indexes the condition can use.
        c.execute("SET LOCAL enable_seqscan = off")
        c.execute("SET LOCAL enable_indexscan = off")
        c.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in c.fetchall())


def _search(term):
    return ProjectFilter({"q": term}, queryset=Project.objects.all()).qs


@pytest.mark.parametrize("term", ["投资合作", "Harbour", "harbour"])
def test_project_search_is_answered_from_the_trigram_indexes(term):
    ProjectFactory(name_zh_hans="临港投资合作项目", name_en="Harbour cooperation")
    plan = _plan(_search(term).order_by())
    assert trigram_index_name("projects_project", "name_zh_hans") in plan
    assert trigram_index_name("projects_project", "name_en") in plan
    assert trigram_index_name("investors_investor", "name_zh_hans") in plan
    assert "Seq Scan on projects_project" not in plan


def test_investor_search_is_answered_from_the_trigram_indexes(bureau_user):
    InvestorFactory(name_zh_hans="丰源精密机械", name_en="Fengyuan Precision")
    qs = InvestorFilter({"q": "精密机"}, queryset=Investor.objects.all()).qs
    plan = _plan(qs.order_by())
    assert trigram_index_name("investors_investor", "name_zh_hans") in plan
    assert trigram_index_name("investors_contact", "name") in plan
    assert "Seq Scan on investors_investor" not in plan


def test_project_search_in_both_languages_and_by_investor():
    harbour = ProjectFactory(
        name_zh_hans="临港新材料项目",
        name_en="Harbour New Materials",
        investor=InvestorFactory(name_zh_hans="丰源集团", name_en="Fengyuan Group"),
    )
    valley = ProjectFactory(
        name_zh_hans="南山谷物加工",
        name_en="Southhill Grain",
        investor=InvestorFactory(name_zh_hans="北辰投资", name_en="Beichen Capital"),
    )
    assert list(_search("新材料")) == [harbour]  # three characters: indexed
    assert list(_search("临港")) == [harbour]  # two characters: below the index, still found
    assert list(_search("谷")) == [valley]  # one character
    assert list(_search("harbour new")) == [harbour]  # any case
    assert list(_search("GRAIN")) == [valley]
    assert list(_search("丰源")) == [harbour]  # the investor's Chinese name
    assert list(_search("beichen")) == [valley]  # the investor's English name
    assert list(_search("  北辰  ")) == [valley]  # surrounding spaces ignored
    assert list(_search("不存在的名字")) == []
    assert set(_search("")) == {harbour, valley}


def test_project_search_keeps_the_scope(district_user, region_a, region_b):
    mine = ProjectFactory(name_zh_hans="临港甲项目", region=region_a)
    ProjectFactory(name_zh_hans="临港乙项目", region=region_b)
    qs = ProjectFilter({"q": "临港"}, queryset=Project.objects.for_user(district_user)).qs
    assert list(qs) == [mine]


def test_investor_search_in_both_languages_and_by_contact():
    fengyuan = InvestorFactory(name_zh_hans="丰源精密机械", name_en="Fengyuan Precision")
    beichen = InvestorFactory(name_zh_hans="北辰资本", name_en="Beichen Capital")
    Contact.objects.create(investor=beichen, name="王小明", email="wang@beichen.example")
    Contact.objects.create(investor=beichen, name="李四", email="li@beichen.example")

    def search(term):
        return list(InvestorFilter({"q": term}, queryset=Investor.objects.all()).qs)

    assert search("精密机械") == [fengyuan]
    assert search("丰源") == [fengyuan]  # two characters
    assert search("precision") == [fengyuan]
    assert search("CAPITAL") == [beichen]
    assert search("王小明") == [beichen]  # a contact's name
    assert search("beichen.example") == [beichen]  # two matching contacts: listed once
    assert search("nobody") == []
