"""The AdminCenter browser layer: every page element found by its visible German label.

- `browser.py`: `start_browser`, `browser_session`, `quit_browser`
- `locators.py`: `DEFAULT_LOCATORS`, `load_locators(path)` (user TOML override)
- `client.py`: the facade `AdminCenter` the runner drives
- `checks.py`: the read-only label check (`run_check`, `check_labels`)
- `problems.py`: page-level problems (`PageProblem` and its kinds)
- `values.py`: `UnitRef`, `Unit`, `LabelCheck`; `credentials.py`: `Credentials`
- inside: `script*.py` (the search run in the page), `dom.py` (its Python side), `waits.py`,
  `pages*.py` (page objects)
"""
