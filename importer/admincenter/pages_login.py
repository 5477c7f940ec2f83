"""The login page (name and password on one page, or on two steps) and the start page.

`login` leads to a page with the navigation; wrong credentials raise `LoginFailed`; a login
page the runner cannot handle (no fields it knows) raises `LoginPageUnknown` with a
German sentence saying what it found, and nothing else is tried.
"""

from __future__ import annotations

from selenium.common.exceptions import TimeoutException, WebDriverException

from importer.admincenter.pages import Page
from importer.admincenter.problems import LabelMissing, PageProblem, PageTimeout, ServerError
from importer.admincenter.waits import wait_for
from importer.errors import AdminCenterUnreachable, LoginFailed, LoginPageUnknown

NAV_KEYS = ("nav.organisationseinheiten", "nav.mandanten")
FORM_KEYS = ("login.benutzername", "login.passwort", "login.anmelden", "login.weiter")


class LoginPage(Page):
    title = "Anmeldung"
    markers = ("login.benutzername",)

    def open(self, url: str) -> LoginPage:
        """Load `url` and wait for the login form; `AdminCenterUnreachable` when that fails."""
        try:
            self.driver.get(url)
            if self._wait_form_or_navigation() == "navigation":
                self.dom.click("nav.abmelden", "Navigation")  # someone is still logged in
                self._wait_form_or_navigation()
        except (TimeoutException, PageTimeout):
            raise AdminCenterUnreachable(f"Das AdminCenter unter {url} antwortet nicht.") from None
        except WebDriverException as error:
            raise AdminCenterUnreachable(_unreachable(url, error)) from None
        except ServerError:
            raise AdminCenterUnreachable(
                f"Das AdminCenter unter {url} meldet einen Fehler."
            ) from None
        return self

    def _shown(self) -> dict[str, str | None]:
        return self.dom.probe([*FORM_KEYS, "nav.abmelden"])

    def _wait_form_or_navigation(self) -> str:
        """Wait for a login step ("form") or the navigation of a live session."""
        problems = self.dom.problem_spec(on_login_page=True)

        def shown(_driver: object) -> str | None:
            self.dom.raise_problem(self.dom.run("problems", problems))
            found = self._shown()
            if found["login.benutzername"] or found["login.passwort"]:
                return "form"
            return "navigation" if found["nav.abmelden"] else None

        try:
            return wait_for(self.driver, shown, self.dom.timeout)
        except PageTimeout:
            if not self.dom.run("pageText"):
                raise  # still blank: slow, not unknown, so worth another attempt
            raise LoginPageUnknown(self._unknown_page()) from None

    def _unknown_page(self) -> str:
        found = self._shown()
        named = ", ".join(
            f"„{self.dom.label(k)}“" for k in ("login.benutzername", "login.passwort")
        )
        seen = "" if not any(found.values()) else " (nur Teile davon)"
        return (
            f"Die Anmeldeseite unter {self.driver.current_url} kann der Importer nicht "
            f"bedienen: Er findet die Felder {named} nicht{seen}. Vielleicht ist es eine "
            "Anmeldung über einen anderen Dienst (Single Sign-on, Servicekonto). Bitte die "
            "Beschriftungen mit --locators anpassen; sonst wurde nichts versucht."
        )

    def login(self, user: str, password: str) -> None:
        """Sign in on one or two steps; a page with the navigation must follow."""
        try:
            if not self._shown()["login.passwort"]:
                self._first_step(user)
                self._fill_and_press({"login.passwort": password})
            else:
                self._fill_and_press({"login.benutzername": user, "login.passwort": password})
        except ServerError:
            raise AdminCenterUnreachable(
                "Das AdminCenter meldet beim Anmelden einen Fehler."
            ) from None
        except PageTimeout:
            raise AdminCenterUnreachable(
                "Das AdminCenter antwortet nach der Anmeldung nicht."
            ) from None
        except LabelMissing:
            raise LoginPageUnknown(self._unknown_page()) from None

    def _first_step(self, user: str) -> None:
        """Step one of two: the name, then "Weiter" until the password field appears."""
        self.dom.fill({"login.benutzername": user}, self.title)
        answer = self.dom.press(
            "login.weiter",
            self.title,
            fail=["fehler.login"],
            on_login_page=True,
            passwordStep=True,
        )
        if answer["kind"] == "failed":
            raise LoginFailed(f"Die Anmeldung wurde abgelehnt: {answer['text'][0]}.")

    def _fill_and_press(self, fields: dict[str, str]) -> None:
        try:
            self.dom.fill(fields, self.title)
            answer = self.dom.press(
                "login.anmelden",
                self.title,
                fail=["fehler.login"],
                arrive=NAV_KEYS,
                on_login_page=True,
            )
        except (ServerError, PageTimeout, LabelMissing):
            raise
        except PageProblem as problem:
            raise LoginFailed(f"Die Anmeldung wurde abgelehnt: {problem.message}") from None
        if answer["kind"] == "failed":
            raise LoginFailed(f"Die Anmeldung wurde abgelehnt: {answer['text'][0]}.")


def _unreachable(url: str, error: WebDriverException) -> str:
    detail = (error.msg or str(error)).strip().splitlines()
    reason = detail[0] if detail else "unbekannter Fehler"
    return f"Das AdminCenter unter {url} ist nicht erreichbar ({reason})."
