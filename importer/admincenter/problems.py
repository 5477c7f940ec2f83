"""Problems met on an AdminCenter page: raised by the browser layer, caught per row by the runner.

Each carries a German message that can go into the workbook's `Meldung` column and says
whether trying again may help (`retryable`).
"""

from __future__ import annotations


class PageProblem(Exception):
    """Root of the page-level problems."""

    retryable = True

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SessionExpired(PageProblem):
    """The AdminCenter showed its login page: the session has ended."""

    def __init__(self, message: str = "Die Sitzung ist abgelaufen.") -> None:
        super().__init__(message)


class PermissionDenied(PageProblem):
    """The page answered "Keine Berechtigung"."""

    retryable = False

    def __init__(self, message: str = "Keine Berechtigung für diese Seite.") -> None:
        super().__init__(message)


class ServerError(PageProblem):
    """The AdminCenter answered with its error page ("Es ist ein Fehler aufgetreten")."""

    def __init__(self, message: str = "Das AdminCenter meldet einen Fehler.") -> None:
        super().__init__(message)


class Refused(PageProblem):
    """The AdminCenter rejected a value; `messages` are the error texts it showed."""

    retryable = False

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        text = "; ".join(self.messages) or "ohne Begründung"
        super().__init__(f"Vom AdminCenter abgelehnt: {text}")


class UnitExists(PageProblem):
    """The Anlegen form offers a unit of this name already: it exists, though the list did not
    show it (a list that shows only part of the units). Nothing was saved."""

    retryable = False

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"Die Organisationseinheit „{name}“ gibt es beim Mandanten schon (die Auswahl der "
            "übergeordneten Einheit bietet sie an), die Liste zeigt sie aber nicht."
        )


class LabelMissing(PageProblem):
    """A label of the locator table was not found on the page where it is expected."""

    retryable = False

    def __init__(self, key: str, label: str, page: str) -> None:
        self.key, self.label, self.page = key, label, page
        super().__init__(f"Auf der Seite „{page}“ fehlt „{label}“ ({key}).")


class PageTimeout(PageProblem):
    """Nothing expected happened on the page in time."""

    def __init__(self, message: str = "Das AdminCenter hat nicht rechtzeitig geantwortet.") -> None:
        super().__init__(message)
