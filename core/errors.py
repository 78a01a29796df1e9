"""The errors Tessera raises, each carrying what it means for a user.

Every error has an HTTP ``code`` and a message a user can read; validation
errors also carry per-field messages. The web layer turns them into responses
and the CLI into one line and a non-zero exit::

    raise ValidationError("The order has no lines.", fields={"lines": "Add at least one line."})
"""

from __future__ import annotations

from collections.abc import Mapping


class TesseraError(Exception):
    """Base of every error meant for a user; ``code`` is its HTTP status."""

    code: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict[str, object]:
        """The JSON body an API response carries for this error."""
        return {"error": type(self).__name__, "message": self.message}


class UserError(TesseraError):
    """The request cannot be done as asked (HTTP 400)."""

    code = 400


class ValidationError(UserError):
    """Values break a field type, a required field or a constraint (HTTP 400).

    ``fields`` maps field names to the message shown next to each field.
    """

    def __init__(self, message: str = "", *, fields: Mapping[str, str] | None = None) -> None:
        self.fields = dict(fields or {})
        if not message:
            message = "; ".join(f"{name}: {text}" for name, text in self.fields.items())
        super().__init__(message)

    def as_dict(self) -> dict[str, object]:
        return {**super().as_dict(), "fields": self.fields}


class DomainError(UserError):
    """A search domain names an unknown field or operator, or is malformed (HTTP 400)."""


class AccessError(TesseraError):
    """The user may not do this operation on this model (HTTP 403)."""

    code = 403


class MissingError(TesseraError):
    """A record does not exist, or no longer does (HTTP 404)."""

    code = 404


class ConflictError(TesseraError):
    """The change conflicts with existing data: a unique value, a reference (HTTP 409)."""

    code = 409


class ConfigError(TesseraError):
    """The deployment, an addon manifest or an addon's declarations are wrong.

    Raised before anything touches the database; the message names the addon
    and the file at fault.
    """

    code = 500


class RegistryFrozenError(ConfigError):
    """Something tried to register a model, view or hook after the registry was built."""
