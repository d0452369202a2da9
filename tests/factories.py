import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
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
