"""Shared fixtures come from plugin modules, one per area, so areas don't edit one file."""

import signal

pytest_plugins = ["fixtures_sandbox", "fixtures_browser", "fixtures_web"]

# A shell that starts the tests in the background (`make test &`, nohup, some CI runners)
# ignores Ctrl+C for them, and the commands the tests start would inherit that: the tests that
# press Ctrl+C (SIGINT) would then wait in vain. Give the children the normal Ctrl+C.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
