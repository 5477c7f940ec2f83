"""The package's exceptions: raised only for fatal problems. Row problems are values (model.py).

Each error carries a German message for the user and the exit status WORKBOOK.md assigns.
"""


class ImporterError(Exception):
    """Root of every error the importer raises on purpose."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnusableWorkbook(ImporterError):
    """The file cannot be used as a workbook (missing, not xlsx, encrypted, column missing ...)."""

    exit_code = 2


class WorkbookLocked(ImporterError):
    """The workbook is open in another program or read-only: nothing is written."""

    exit_code = 2


class UsageError(ImporterError):
    """The command line asks for something impossible (bad option value, bad locator file)."""

    exit_code = 2


class AdminCenterUnreachable(ImporterError):
    """The AdminCenter cannot be reached (connection refused, stays down)."""

    exit_code = 3


class LoginPageUnknown(AdminCenterUnreachable):
    """The login page answers but is none the runner can handle: trying again cannot help."""


class LoginFailed(ImporterError):
    """Login was refused (wrong credentials, no permission to log in)."""

    exit_code = 3


class BrowserUnavailable(ImporterError):
    """No browser could be started (Chromium/Chrome/Edge or its driver missing or broken)."""

    exit_code = 2


class LabelsMissing(ImporterError):
    """Texts the run needs are not on the AdminCenter's pages: nothing (more) is written."""

    exit_code = 1

    def __init__(self, lines: list[str]) -> None:
        super().__init__("Beschriftungen fehlen: " + "; ".join(lines))
        self.lines = lines
