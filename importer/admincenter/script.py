"""The JavaScript run inside the page: finds elements by visible text in one round trip.

One `execute_script` that searches the whole page is far faster than many `find_elements`
calls (each is a round trip to the driver). Called as `amt24[op](arg)`; see `dom.py`.
Matching is on normalized visible text: whitespace collapsed, a trailing "*" or ":" ignored,
exact case first, then any case, then without a trailing "(…)" note.
"""

from importer.admincenter.script_find import FIND
from importer.admincenter.script_page import PAGE

LIBRARY = (
    "const amt24 = (() => {\n"
    + FIND
    + PAGE
    + r"""
  return {find, seek, probe, read: readAll, fill, arm, problems, outcome, quiet, listItems,
    listItem, badge, image, versionState, option, choices};
})();
"""
)

# Installed before any page script runs (where the driver allows it): counts requests in
# flight, so "the list has loaded" does not depend on guessing the server's speed, and writes
# (not GET) the server answered with 5xx or 429 or never answered, so a script's failed save
# is a server error to retry, whatever message the page makes of it.
NETWORK_COUNTER = r"""
(() => {
  if (window.__amt24net) return;
  const net = window.__amt24net = {pending: 0, failedWrites: 0};
  const isWrite = method => !/^(GET|HEAD|OPTIONS)$/i.test(method || 'GET');
  const failed = status => status >= 500 || status === 429;  // 429: too many requests
  const fetch = window.fetch;
  if (fetch) window.fetch = function (...args) {
    const [resource, init] = args;
    const write = isWrite((init && init.method) || (resource && resource.method));
    net.pending++;
    return fetch.apply(this, args).then(answer => {
      if (write && failed(answer.status)) net.failedWrites++;
      return answer;
    }, error => {
      if (write) net.failedWrites++;
      throw error;
    }).finally(() => { net.pending--; });
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, ...rest) {
    this.__amt24write = isWrite(method);
    return open.call(this, method, ...rest);
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    net.pending++;
    this.addEventListener('loadend', () => {
      net.pending--;
      if (this.__amt24write && failed(this.status)) net.failedWrites++;
    }, {once: true});
    return send.apply(this, args);
  };
})();
"""

CALL = LIBRARY + "\nreturn amt24[arguments[0]](arguments[1]);"

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
