"""The login page and the start page with the main navigation.

`login` leads to the start page; wrong credentials raise `LoginFailed`.
"""

from __future__ import annotations

from selenium.common.exceptions import TimeoutException, WebDriverException

from importer.admincenter.pages import Page
from importer.admincenter.pages_mandant import MandantenPage
from importer.admincenter.pages_units import UnitsPage
from importer.admincenter.problems import LabelMissing, PageProblem, PageTimeout, ServerError
from importer.admincenter.waits import wait_for
from importer.errors import AdminCenterUnreachable, LoginFailed

NAV_KEYS = ("nav.organisationseinheiten", "nav.benutzerverwaltung", "nav.mandanten")


class LoginPage(Page):
    title = "Anmeldung"
    markers = ("login.benutzername", "login.passwort", "login.anmelden")

    def open(self, url: str) -> LoginPage:
        """Load `url` and wait for the login form; `AdminCenterUnreachable` when that fails."""
        try:
            self.driver.get(url)
            if self._wait_form_or_navigation() == "navigation":
                self.dom.click("nav.abmelden", "Navigation")  # someone is still logged in
                self._wait_form_or_navigation()
            self.dom.seek(self.markers[0], self.title, also=self.markers[1:], on_login_page=True)
        except (TimeoutException, PageTimeout):
            raise AdminCenterUnreachable(f"Das AdminCenter unter {url} antwortet nicht.") from None
        except WebDriverException as error:
            raise AdminCenterUnreachable(_unreachable(url, error)) from None
        except ServerError:
            raise AdminCenterUnreachable(
                f"Das AdminCenter unter {url} meldet einen Fehler."
            ) from None
        except LabelMissing as missing:
            raise AdminCenterUnreachable(
                f"Unter {url} wurde keine Anmeldeseite des AdminCenters erkannt "
                f"(„{missing.label}“ fehlt)."
            ) from None
        return self

    def _wait_form_or_navigation(self) -> str:
        """Wait for the login form ("form") or the navigation of a live session."""
        keys = [*self.markers, "nav.abmelden"]
        problems = self.dom.problem_spec(on_login_page=True)

        def shown(_driver: object) -> str | None:
            self.dom.raise_problem(self.dom.run("problems", problems))
            found = self.dom.probe(keys)
            if all(found[k] for k in self.markers):
                return "form"
            return "navigation" if found["nav.abmelden"] else None

        try:
            return wait_for(self.driver, shown, self.dom.timeout)
        except PageTimeout:
            missing = self.dom.first_missing(list(self.markers))
            raise LabelMissing(missing, self.dom.label(missing), self.title) from None

    def login(self, user: str, password: str) -> StartPage:
        """Sign in; the start page with its navigation must follow."""
        fields = {"login.benutzername": user, "login.passwort": password}
        try:
            self.dom.fill(fields, self.title)
            answer = self.dom.press(
                "login.anmelden",
                self.title,
                fail=["fehler.login"],
                arrive=NAV_KEYS,
                on_login_page=True,
            )
        except ServerError:
            raise AdminCenterUnreachable(
                "Das AdminCenter meldet beim Anmelden einen Fehler."
            ) from None
        except PageTimeout:
            raise AdminCenterUnreachable(
                "Das AdminCenter antwortet nach der Anmeldung nicht."
            ) from None
        except PageProblem as problem:
            raise LoginFailed(f"Die Anmeldung wurde abgelehnt: {problem.message}") from None
        if answer["kind"] == "failed":
            raise LoginFailed(f"Die Anmeldung wurde abgelehnt: {answer['text']}.")
        return StartPage(self.dom)


class StartPage(Page):
    """Any page with the main navigation; the way to the Mandanten and the units starts here."""

    title = "Startseite"
    markers = ("nav.organisationseinheiten",)

    def open_mandanten(self) -> MandantenPage:
        self.dom.click("nav.mandanten", self.title)
        return MandantenPage(self.dom).wait_loaded()

    def open_units(self) -> UnitsPage:
        self.dom.click("nav.organisationseinheiten", self.title)
        return UnitsPage(self.dom).wait_loaded()


def _unreachable(url: str, error: WebDriverException) -> str:
    detail = (error.msg or str(error)).strip().splitlines()
    reason = detail[0] if detail else "unbekannter Fehler"
    return f"Das AdminCenter unter {url} ist nicht erreichbar ({reason})."
