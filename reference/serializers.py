from rest_framework import serializers

from .models import IndustrySection, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name_zh_hans", "name_en", "kind", "parent"]


class IndustrySectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndustrySection
        fields = ["id", "code", "name_zh_hans", "name_en", "three_industry"]
