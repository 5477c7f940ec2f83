"""The JavaScript run inside the page (`js/*.js`): finds elements by visible text in one call.

One `execute_script` that searches the whole page is far faster than many `find_elements`
calls (each is a round trip to the driver). The library is installed once per document
(before the page's own scripts, where the driver allows it, else on first use) as
`window.__amt24lib`; each call then sends only the operation's name and argument.
Matching is on normalized visible text: whitespace collapsed, a trailing "*", "•" or ":"
ignored, exact case first, then any case, then without a trailing "(…)" note.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

PARTS = ("text", "find", "fill", "outcome", "lists", "tables", "badge")
EXPORTS = (
    "find inDialog probe read:readAll fill option choices expanded arm problems outcome quiet "
    "busy seek listItems listItem collapsedNode tableRows tableRow badge image versionState "
    "pageText"
)
MISSING = "__amt24missing"

# Calls the library by name; answers MISSING where it is not installed in this document.
CALL = (
    "const lib = window.__amt24lib;"
    f" if (!lib) return {{{MISSING}: true}};"
    " return lib[arguments[0]](arguments[1]);"
)


def _source(name: str) -> str:
    return (files("importer.admincenter") / "js" / f"{name}.js").read_text(encoding="utf-8")


@cache
def network_counter() -> str:
    """Counts requests in flight and failed or succeeded writes (js/network.js)."""
    return _source("network")


@cache
def library() -> str:
    """The whole library; defines `window.__amt24lib` once per document."""
    body = "\n".join(_source(part) for part in PARTS)
    exports = ", ".join(name.replace(":", ": ") for name in EXPORTS.split())
    return (
        "(() => {\nif (window.__amt24lib) return;\n"
        + body
        + f"\nwindow.__amt24lib = {{{exports}}};\n}})();\n"
    )


# Fetches a URL inside the browser session (cookies included) and answers base64 or an error.
FETCH_BASE64 = r"""
const [url, done] = [arguments[0], arguments[arguments.length - 1]];
fetch(url, {credentials: 'include'}).then(async response => {
  if (!response.ok) return done({error: 'HTTP ' + response.status});
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 32768)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
  done({data: btoa(binary)});
}).catch(error => done({error: String(error)}));
"""
