"""E-mail addresses: syntax check by email-validator, never a network lookup."""

from __future__ import annotations

from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import (
    CASE_INSENSITIVE_MAILBOX_NAMES,
    DOT_ATOM_TEXT,
    EMAIL_MAX_LENGTH,
    LOCAL_PART_MAX_LENGTH,
)

from importer.validation.cells import CACHE_SIZE, Core, cell_text, invalid


@lru_cache(maxsize=CACHE_SIZE, typed=True)
def email_core(raw: object) -> Core:
    """The normalized address (as email-validator normalizes it), or `email-ungueltig`."""
    text, problem = cell_text(raw)
    if text is None:
        return None, problem
    normalized = _normalized(text)
    return (normalized, None) if normalized else invalid("email-ungueltig", text)


def _normalized(address: str) -> str | None:
    """Fast path for the usual address (plain local part): the domain is checked once per
    distinct domain, a Landkreis has hundreds of addresses per domain. Equal to
    `validate_email(...).normalized` (a property test holds them together)."""
    local, _, domain = address.rpartition("@")
    if not (DOT_ATOM_TEXT.match(local) and len(local) <= LOCAL_PART_MAX_LENGTH):
        return _validated(address)
    checked = _domain(domain)
    if checked is None:
        return None
    unicode_domain, ascii_domain = checked
    if local.lower() in CASE_INSENSITIVE_MAILBOX_NAMES:
        local = local.lower()
    forms = (address, f"{local}@{unicode_domain}", f"{local}@{ascii_domain}")
    if any(len(form.encode()) > EMAIL_MAX_LENGTH for form in forms):
        return None
    return forms[1]


def _validated(address: str) -> str | None:
    try:
        return validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


@lru_cache(maxsize=CACHE_SIZE)
def _domain(domain: str) -> tuple[str, str] | None:
    """The domain as email-validator normalizes it (unicode and IDNA ASCII), or None."""
    try:
        checked = validate_email(f"a@{domain}", check_deliverability=False)
    except EmailNotValidError:
        return None
    return checked.domain, checked.ascii_domain
