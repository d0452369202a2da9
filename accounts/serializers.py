from rest_framework import serializers

from config.api import StrictInputMixin

from .models import User


class TokenInputSerializer(StrictInputMixin, serializers.Serializer):
    # Bounded before anything reaches authenticate() and the lockout table.
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, style={"input_type": "password"}, trim_whitespace=False
    )


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


class MeSerializer(serializers.ModelSerializer):
    region = serializers.SerializerMethodField()
    liaison_unit = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "role", "region", "liaison_unit"]

    full_name = serializers.CharField(source="get_full_name")

    def get_region(self, user) -> dict | None:
        if not user.region_id:
            return None
        r = user.region
        return {"id": r.id, "code": r.code, "name_zh_hans": r.name_zh_hans, "name_en": r.name_en}

    def get_liaison_unit(self, user) -> dict | None:
        if not user.liaison_unit_id:
            return None
        u = user.liaison_unit
        return {"id": u.id, "code": u.code, "name_zh_hans": u.name_zh_hans, "name_en": u.name_en}
