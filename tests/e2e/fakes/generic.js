// A fake third-party script: records that it ran, then (optionally) sets a
// first-party cookie and fires a pixel, like the tag it stands for.
(function () {
  var name = '__NAME__', cookie = '__COOKIE__', pixel = '__PIXEL__';
  (window.__runs = window.__runs || []).push(name);
  if (cookie) {
    document.cookie = cookie + '=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) +
      '; Max-Age=7776000; Path=/; Domain=' + location.hostname.replace(/^www\./, '');
  }
  if (pixel) new Image().src = pixel;
})();
