"""The one domain exception that services raise; views and the API turn it into a clear 400."""


class DomainError(Exception):
    """A refused operation. `field` names the input at fault (None: the whole request)."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field

    def as_dict(self) -> dict:
        return {self.field or "non_field_errors": [str(self.message)]}
