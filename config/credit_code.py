"""The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
31 the standard allows (digits and capitals without I, O, Z, S, V), the last a check
character over the first 17. python-stdnum (`stdnum.cn.uscc`) holds the rule; this module
gives the portal's one normalising check and its message."""

from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError

from .errors import DomainError


def normalize_credit_code(value: str | None) -> str:
    """Spaces and dashes dropped, upper case; '' stays ''."""
    return uscc.compact(value or "") if (value or "").strip() else ""


def check_credit_code(value: str | None, *, field: str = "unified_credit_code") -> str:
    """The code normalised, or '' when none is given. Raises DomainError on `field` when it is
    not 18 characters of the standard's alphabet or its check character is wrong."""
    code = normalize_credit_code(value)
    if not code:
        return ""
    try:
        uscc.validate(code)
    except ValidationError:
        if len(code) != 18:
            raise DomainError(
                _("A unified social credit code has 18 characters."), field=field
            ) from None
        raise DomainError(
            _(
                "This is not a valid unified social credit code: check the characters "
                "(the last one is a check character, GB 32100-2015)."
            ),
            field=field,
        ) from None
    return code
