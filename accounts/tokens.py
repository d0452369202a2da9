"""What an API token is bound to: a fingerprint of the user's credentials and scope."""

from django.utils.crypto import salted_hmac


def credentials_fingerprint(user) -> str:
    """A keyed hash of the password hash, role, region, liaison unit and the active and
    superuser flags. Any change to one of them — whatever path made it — changes the value."""
    value = "|".join(
        str(v)
        for v in (
            user.password,
            user.role,
            user.region_id,
            user.liaison_unit_id,
            user.is_active,
            user.is_superuser,
        )
    )
    # An industry office joins the fingerprint only where there is one, so that the tokens of
    # every other user stay valid.
    if user.chain_office_id:
        value += f"|office:{user.chain_office_id}"
    return salted_hmac("accounts.ApiToken.credentials", value, algorithm="sha256").hexdigest()
