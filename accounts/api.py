from drf_spectacular.utils import extend_schema
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from config.throttles import TokenObtainThrottle

from .serializers import MeSerializer, TokenInputSerializer, TokenOutputSerializer
from .services import api_token_obtain


class TokenObtainApi(APIView):
    """`POST {"username", "password"}` → `{"token": "…"}`. Send it as `Authorization: Token …`."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [TokenObtainThrottle]

    @extend_schema(request=TokenInputSerializer, responses=TokenOutputSerializer)
    def post(self, request):
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token = api_token_obtain(request=request._request, **data.validated_data)
        return Response(TokenOutputSerializer({"token": token}).data)


class MeApi(APIView):
    """The signed-in user: username, role, and the region or liaison unit they belong to."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        return Response(MeSerializer(user).data)
