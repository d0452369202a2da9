from rest_framework import serializers

from config.api import StrictInputMixin


class ForecastQuerySerializer(StrictInputMixin, serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    scope = serializers.CharField(required=False, default="city", max_length=40)


class DriverSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    name = serializers.CharField(allow_null=True)
    stage = serializers.CharField()
    next_stage = serializers.CharField()
    p_next = serializers.FloatField(allow_null=True)
    expected = serializers.FloatField()


class ForecastRowSerializer(serializers.Serializer):
    measure = serializers.CharField()
    to_date = serializers.DecimalField(max_digits=16, decimal_places=2)
    expected = serializers.DecimalField(max_digits=16, decimal_places=2)
    p10 = serializers.DecimalField(max_digits=16, decimal_places=2)
    p50 = serializers.DecimalField(max_digits=16, decimal_places=2)
    p90 = serializers.DecimalField(max_digits=16, decimal_places=2)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    prob_meet = serializers.FloatField(allow_null=True)
    outlook = serializers.CharField()
    drivers = DriverSerializer(many=True)


class BacktestRowSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    measure = serializers.CharField()
    expected = serializers.DecimalField(max_digits=16, decimal_places=2)
    p10 = serializers.DecimalField(max_digits=16, decimal_places=2)
    p90 = serializers.DecimalField(max_digits=16, decimal_places=2)
    actual = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    error = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    within_range = serializers.BooleanField(allow_null=True)


class ForecastSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    scope = serializers.CharField()
    computed_at = serializers.DateTimeField()
    forecast = ForecastRowSerializer(many=True)
    backtest_year = serializers.IntegerField(allow_null=True)
    backtest = BacktestRowSerializer(many=True)
