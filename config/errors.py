"""The one domain exception that services raise; views and the API turn it into a clear 400."""


class DomainError(Exception):
    """A refused operation. `field` names the input at fault (None: the whole request)."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field

    def add_to(self, form) -> None:
        """Show the refusal on the form: on the field it names when the form has that field,
        else above the form."""
        form.add_error(self.field if self.field in form.fields else None, str(self.message))

    def as_dict(self) -> dict:
        return {self.field or "non_field_errors": [str(self.message)]}
