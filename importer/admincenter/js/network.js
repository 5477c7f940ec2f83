// Installed before any page script runs (where the driver allows it). Counts requests in
// flight, so "the list has loaded" does not depend on guessing the server's speed; counts the
// writes (not GET) that succeeded, and those the server answered with 5xx or 429 or never
// answered, so a script's save is known to have succeeded or failed whatever the page shows.
(() => {
  if (window.__amt24net) return;
  const net = window.__amt24net = {pending: 0, failedWrites: 0, okWrites: 0, pendingWrites: 0};
  const isWrite = method => !/^(GET|HEAD|OPTIONS)$/i.test(method || 'GET');
  const failed = status => status >= 500 || status === 429;  // 429: too many requests
  const begin = write => { net.pending++; if (write) net.pendingWrites++; };
  const end = (write, status) => {
    net.pending--;
    if (!write) return;
    net.pendingWrites--;
    if (status === 0 || failed(status)) net.failedWrites++;
    else if (status < 400) net.okWrites++;
  };
  const fetch = window.fetch;
  if (fetch) window.fetch = function (...args) {
    const [resource, init] = args;
    const write = isWrite((init && init.method) || (resource && resource.method));
    begin(write);
    return fetch.apply(this, args).then(answer => {
      end(write, answer.status);
      return answer;
    }, error => {
      end(write, 0);
      throw error;
    });
  };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, ...rest) {
    this.__amt24write = isWrite(method);
    return open.call(this, method, ...rest);
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    const write = this.__amt24write;
    begin(write);
    this.addEventListener('loadend', () => end(write, this.status), {once: true});
    return send.apply(this, args);
  };
})();
