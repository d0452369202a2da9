from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import NoInput
from config.throttles import TokenObtainThrottle

from .models import ApiToken
from .selectors import api_tokens_of
from .serializers import (
    ApiTokenSerializer,
    MeSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
)
from .services import api_token_obtain, api_token_revoke


class TokenObtainApi(APIView):
    """`POST {"username", "password", "client"?}` → `{"token", "client", "expiry"}`. Send it as
    `Authorization: Token …`. The token is shown this once (only its hash is kept); a new one
    for the same client replaces the old one; it expires after API_TOKEN_TTL_DAYS."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [TokenObtainThrottle]

    @extend_schema(request=TokenInputSerializer, responses=TokenOutputSerializer)
    def post(self, request):
        data = TokenInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        issued = api_token_obtain(request=request._request, **data.validated_data)
        return Response(TokenOutputSerializer(issued).data)


class TokenListApi(APIView):
    """The caller's own tokens that still work (never the tokens themselves)."""

    @extend_schema(responses=ApiTokenSerializer(many=True))
    def get(self, request):
        tokens = api_tokens_of(user=request.user)
        return Response(ApiTokenSerializer(tokens, many=True, context={"request": request}).data)


class TokenRevokeApi(APIView):
    """`DELETE` one of the caller's own tokens; anyone else's answers 404."""

    @extend_schema(responses={204: None})
    def delete(self, request, id):
        NoInput(data=request.data).is_valid(raise_exception=True)
        try:
            api_token_revoke(user=request.user, public_id=id)
        except ApiToken.DoesNotExist:
            raise Http404 from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    """The signed-in user: username, role, and the region or liaison unit they belong to."""

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        return Response(MeSerializer(user).data)
