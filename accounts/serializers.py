from rest_framework import serializers

from config.api import StrictInputMixin

from .models import User


class TokenInputSerializer(StrictInputMixin, serializers.Serializer):
    # Bounded before anything reaches authenticate() and the lockout table.
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=4096, style={"input_type": "password"}, trim_whitespace=False
    )

    otp = serializers.CharField(
        max_length=16,
        required=False,
        allow_blank=True,
        default="",
        help_text="Administrators and bureau staff with two-factor sign-in: the code from the "
        "authenticator app (or a recovery code).",
    )
    client = serializers.CharField(
        max_length=64,
        required=False,
        default="default",
        help_text="Name of the client (script, integration) the token is for; a new token for "
        "the same client replaces its previous one.",
    )


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once: only its hash is kept.")
    client = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True)


class ApiTokenSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    client = serializers.CharField()
    prefix = serializers.SerializerMethodField(help_text="First characters of the token.")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)
    last_used_at = serializers.DateTimeField(allow_null=True)
    current = serializers.SerializerMethodField(help_text="The token of this request.")

    def get_prefix(self, token) -> str:
        return token.token_key[:8]

    def get_current(self, token) -> bool:
        auth = getattr(self.context.get("request"), "auth", None)
        return getattr(auth, "pk", None) == token.pk


class MeSerializer(serializers.ModelSerializer):
    region = serializers.SerializerMethodField()
    liaison_unit = serializers.SerializerMethodField()
    unit = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "role", "region", "unit", "liaison_unit"]

    full_name = serializers.CharField(source="get_full_name")

    def get_region(self, user) -> dict | None:
        if not user.region_id:
            return None
        r = user.region
        return {"id": r.id, "code": r.code, "name_zh_hans": r.name_zh_hans, "name_en": r.name_en}

    def get_unit(self, user) -> dict | None:
        """The liaison unit the user works for (id and names), null when none."""
        if not user.liaison_unit_id:
            return None
        u = user.liaison_unit
        return {"id": u.id, "name_zh_hans": u.name_zh_hans, "name_en": u.name_en}

    def get_liaison_unit(self, user) -> dict | None:
        if not user.liaison_unit_id:
            return None
        u = user.liaison_unit
        return {"id": u.id, "code": u.code, "name_zh_hans": u.name_zh_hans, "name_en": u.name_en}
