import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from investors.names import name_key
from liaison.models import LiaisonUnit
from reference.models import Region, RegionKind

PASSWORD = "Str0ng-pass-for-tests"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"4399{n:02d}")
    name_zh_hans = factory.Sequence(lambda n: f"区{n}")
    name_en = factory.Sequence(lambda n: f"District {n}")
    kind = RegionKind.DISTRICT


class LiaisonUnitFactory(DjangoModelFactory):
    class Meta:
        model = LiaisonUnit

    code = factory.Sequence(lambda n: f"unit{n}")
    name_zh_hans = factory.Sequence(lambda n: f"单位{n}")
    name_en = factory.Sequence(lambda n: f"Unit {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.BUREAU
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class InvestorFactory(DjangoModelFactory):
    class Meta:
        model = "investors.Investor"

    name_zh_hans = factory.Sequence(lambda n: f"投资方{n}")
    name_en = factory.Sequence(lambda n: f"Investor {n}")
    country = "DE"
    owner_region = factory.SubFactory(RegionFactory)
    # As the services keep them, for the duplicate check.
    name_key_zh = factory.LazyAttribute(lambda o: name_key(o.name_zh_hans))
    name_key_en = factory.LazyAttribute(lambda o: name_key(o.name_en))


class ProjectFactory(DjangoModelFactory):
    """A foreign project at intent, dated in the past, with what the contract gate needs."""

    class Meta:
        model = "projects.Project"
        skip_postgeneration_save = True

    name_zh_hans = factory.Sequence(lambda n: f"项目{n}")
    name = factory.SelfAttribute("name_zh_hans")
    name_en = factory.Sequence(lambda n: f"Project {n}")
    region = factory.SubFactory(RegionFactory)
    investor = factory.SubFactory(InvestorFactory)
    capital_source = "foreign"
    total_investment_cny_10k = 1000
    contracted_fdi_usd_10k = 100
    intent_date = factory.LazyFunction(lambda: __import__("datetime").date(2026, 1, 5))
    last_activity_on = factory.SelfAttribute("intent_date")


class ChainOfficeFactory(DjangoModelFactory):
    class Meta:
        model = "chains.ChainOffice"

    code = factory.Sequence(lambda n: f"office{n}")
    name_zh_hans = factory.Sequence(lambda n: f"产业办{n}")
    name_en = factory.Sequence(lambda n: f"Industry office {n}")
    name = factory.SelfAttribute("name_zh_hans")


class ChainFactory(DjangoModelFactory):
    class Meta:
        model = "chains.Chain"

    slug = factory.Sequence(lambda n: f"chain-{n}")
    name_zh_hans = factory.Sequence(lambda n: f"产业链{n}")
    name_en = factory.Sequence(lambda n: f"Chain {n}")
    name = factory.SelfAttribute("name_zh_hans")
    leader_name_zh_hans = "刘洋"
    leader_title_zh_hans = "副市长"
    office = factory.SubFactory(ChainOfficeFactory)


class ChainLinkFactory(DjangoModelFactory):
    class Meta:
        model = "chains.ChainLink"

    chain = factory.SubFactory(ChainFactory)
    segment = "midstream"
    name_zh_hans = factory.Sequence(lambda n: f"环节{n}")
    name_en = factory.Sequence(lambda n: f"Link {n}")
    name = factory.SelfAttribute("name_zh_hans")
