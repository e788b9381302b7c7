// network.js — requests to tracker hosts: navigator.sendBeacon, fetch and
// XMLHttpRequest. Before the engine's decision they wait (and run if their
// service may then load); after it, the requests of a service that may not
// load are dropped. A Google tag loading cookieless (Consent Mode advanced)
// may load: its pings pass, its cookies do not (cookies.js).

import { heldService } from './hold.js';

function gate(S, url, go, drop) {
  const s = heldService(S, url);
  if (s < 0) return go();
  if (!S.decided_) S.pending_.push({ s, go, drop });
  else drop();
}

export function patchNetwork(S) {
  const nav = navigator, W = window;
  if (nav.sendBeacon) {
    const f = nav.sendBeacon;
    nav.sendBeacon = function (url, data) {
      let r = true;
      gate(S, url, () => (r = f.call(nav, url, data)), () => {});
      return r;
    };
  }
  if (W.fetch) {
    const f = W.fetch;
    W.fetch = function (input, init) {
      const url = input && input.url !== undefined ? input.url : String(input);
      return new Promise((resolve, reject) =>
        gate(S, url, () => resolve(f.call(W, input, init)), () => reject(TypeError('Failed to fetch'))));
    };
  }
  const X = W.XMLHttpRequest && XMLHttpRequest.prototype;
  if (X) {
    const open = X.open, send = X.send;
    X.open = function (m, url) {
      this.url_ = String(url);  // Read by send().
      return open.apply(this, arguments);
    };
    X.send = function (body) {
      gate(S, this.url_, () => send.call(this, body), () => {});
    };
  }
}
