// generate.mjs — writes the URL-matching conformance table (*.json here).
//
//   node tests/data/url-match/generate.mjs
//
// The answers are not computed by any matcher: each spelling below carries
// what a browser makes of it (read from the URL standard, and checked in
// Chromium by tests/e2e/url-match.test.mjs), and a case matches when its
// scheme reaches a host over the network, its host spelling is the pattern's
// host and its path spelling is the pattern's path. README.md says how to
// read the files and which matchers run them.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SITE = 'https://www.site.example/blog/post.html?p=1#top';
const files = {};
const add = (file, kind, url, pattern, match, base = SITE, note) => {
  (files[file] ||= []).push({ kind, url, base, pattern, match, ...(note ? { note } : {}) });
};

// ---- hosts.json: one host, spelled every way a page can spell it ----

const GTAG = 'www.googletagmanager.com/gtag/js?id=G-*';
const GTAG_HOST = 'www.googletagmanager.com';
// [spelling, true: the same host | false: another host | null: the URL does not parse, note]
const HOSTS = [
  ['www.googletagmanager.com', true],
  ['WWW.GOOGLETAGMANAGER.COM', true, 'hosts are case-insensitive'],
  ['Www.GoogleTagManager.Com', true],
  ['www.googletagmanager.com.', true, 'one trailing dot is the same host'],
  ['www.googletagmanager.com:443', true, 'ports are not part of a pattern'],
  ['www.googletagmanager.com:80', true],
  ['www.googletagmanager.com:8443', true],
  ['www.googletagmanager.com:', true, 'an empty port is no port'],
  ['www.googletagmanager.com:0443', true],
  ['www.googletagmanager.com:65535', true],
  ['user@www.googletagmanager.com', true, 'userinfo is not the host'],
  ['user:secret@www.googletagmanager.com', true],
  ['evil.example@www.googletagmanager.com', true],
  ['a@b@www.googletagmanager.com', true, 'the last @ ends the userinfo'],
  ['evil.example:443@www.googletagmanager.com', true],
  ['%77ww.googletagmanager.com', true, 'hosts are percent-decoded'],
  ['%57%57%57.googletagmanager.com', true],
  ['www%2egoogletagmanager%2ecom', true],
  ['www%2Egoogletagmanager.com', true],
  ['www.googletagmanager.com%2E', true],
  ['\uff57\uff57\uff57.googletagmanager.com', true, 'fullwidth letters map to ASCII (UTS #46)'],
  ['www\uff0egoogletagmanager\uff0ecom', true, 'fullwidth full stop'],
  ['www\u3002googletagmanager\u3002com', true, 'ideographic full stop'],
  ['www\uff61googletagmanager\uff61com', true, 'halfwidth ideographic full stop'],
  ['www.google\u00adtagmanager.com', true, 'soft hyphen is ignored'],
  ['www.googletag\u200bmanager.com', true, 'zero width space is ignored'],
  ['www.google\u034ftagmanager.com', true, 'combining grapheme joiner is ignored'],
  ['www.googletagmanager.com\ufe0f', true, 'variation selector is ignored'],
  ['\u{1d430}\u{1d430}\u{1d430}.googletagmanager.com', true, 'mathematical bold letters'],
  ['\u24e6\u24e6\u24e6.googletagmanager.com', true, 'circled letters'],
  ['WWW.GOOGLETAGMANAGER.\uff23\uff2f\uff2d', true],
  ['%EF%BD%97ww.googletagmanager.com', true, 'percent-encoded fullwidth letter'],
  ['www.goo\tgletagmanager.com', true, 'tabs are removed anywhere'],
  ['www.googletag\nmanager.com', true, 'newlines are removed anywhere'],
  ['www.google\r\ntagmanager.com', true],
  ['www.googletagmanager.com.evil.example', false],
  ['www.googletagmanager.com@evil.example', false, 'the host is after the @'],
  ['www.googletagmanager.com:443@evil.example', false],
  ['wwwgoogletagmanager.com', false],
  ['ww.googletagmanager.com', false],
  ['xwww.googletagmanager.com', false],
  ['www.googletagmanager.co', false],
  ['www.googletagmanager.com.com', false],
  ['www.googletagmanager.com..', false, 'only one trailing dot is dropped'],
  ['.www.googletagmanager.com', false],
  ['www.goog1etagmanager.com', false],
  ['www.googIetagmanager.com', false, 'capital I is not l'],
  ['www.g\u043e\u043egletagmanager.com', false, 'Cyrillic o: another host, in Punycode'],
  ['www.googletagmanager.c\u00f6m', false],
  ['xn--www-.googletagmanager.com', false],
  ['www.googletagmanager.com:99999', null, 'port out of range'],
  ['www.googletagmanager.com:44x', null, 'port not a number'],
  ['www.googletagmanager.com:443:443', null],
  ['www.googletagmanager.com%00', null, 'NUL in a host'],
  ['www.googletagmanager.com%2F', null, '"/" decoded in a host is refused'],
  ['www.googletagmanager.com%3A443', null],
  ['www.googletagmanager.com%40evil.example', null],
  ['www.googletagmanager.com%25', null],
  ['www.googletagmanager.com%', null],
  ['www.goo gletagmanager.com', null, 'space in a host'],
  ['www.googletagmanager.com%20', null],
  ['www.googletagmanager\u2024com', null, 'one dot leader is refused, not mapped'],
  ['www.googletagmanager.com%FF', null, 'not UTF-8'],
  ['www.googletagmanager.com<', null],
  ['www.googletagmanager.com^', null],
  ['www.googletagmanager.com|', null],
  ['[::1]', false, 'IPv6'],
  ['127.0.0.1', false],
  ['user@', null, 'no host after the @'],
];
for (const [spelling, same, note] of HOSTS) {
  add('hosts', 'host', `https://${spelling}/gtag/js?id=G-1`, GTAG, same === true, SITE, note);
  add('hosts', 'host', `http://${spelling}/`, GTAG_HOST, same === true, SITE, note);
  add('hosts', 'host', `//${spelling}/gtag/js?id=G-XYZ`, GTAG, same === true, SITE, note);
}

// "*.domain": the domain and every subdomain, at a label boundary.
const GA = '*.google-analytics.com';
const SUBDOMAINS = [
  ['google-analytics.com', true],
  ['www.google-analytics.com', true],
  ['region1.google-analytics.com', true],
  ['a.b.c.d.e.google-analytics.com', true],
  ['GOOGLE-ANALYTICS.COM', true],
  ['google-analytics.com.', true],
  ['www.google-analytics.com.', true],
  ['_x.google-analytics.com', true],
  ['-.google-analytics.com', true],
  ['1.google-analytics.com', true],
  ['xn--mnchen-3ya.google-analytics.com', true],
  ['m\u00fcnchen.google-analytics.com', true, 'a non-ASCII label is still a subdomain'],
  ['\u00f1.google-analytics.com', true],
  ['\u{1f4a9}.google-analytics.com', true],
  ['\u0430\u0431\u0432.google-analytics.com', true],
  ['www\u3002google-analytics\u3002com', true],
  ['\uff47\uff4f\uff4f\uff47\uff4c\uff45-analytics.com', true],
  ['notgoogle-analytics.com', false],
  ['google-analytics.com.evil.example', false],
  ['google-analytics.co', false],
  ['oogle-analytics.com', false],
  ['google-analytics.comx', false],
  ['google-analyticsXcom', false],
  ['google-analytics.com..', false],
  ['googl\u0435-analytics.com', false, 'Cyrillic e'],
  ['www.google-analytics.com%2F', null],
  ['www.google-analytics.com%00', null],
];
for (const [spelling, same, note] of SUBDOMAINS) {
  add('hosts', 'wildcard', `https://${spelling}/g/collect?v=2`, GA, same === true, SITE, note);
  add('hosts', 'wildcard', `wss://${spelling}/`, GA, same === true, SITE, note);
  add('hosts', 'wildcard', `https://${spelling}/pagead/1`, '*.google-analytics.com/pagead/*', same === true, SITE, note);
}

// ---- paths.json: one path and query, spelled every way ----

// [spelling of /gtag/js?id=G-1, same path and query?]
const PATHS = [
  ['/gtag/js?id=G-1', true],
  ['/gtag/js?id=G-1#frag', true, 'the fragment is not requested'],
  ['/gtag/js?id=G-1#?id=AW-1', true],
  ['/gtag/js?id=G-123&l=dataLayer', true],
  ['/x/../gtag/js?id=G-1', true, 'dot segments are resolved'],
  ['/gtag/./js?id=G-1', true],
  ['/./gtag/js?id=G-1', true],
  ['/../../gtag/js?id=G-1', true, '".." above the root stays at the root'],
  ['/gtag/x/y/../../js?id=G-1', true],
  ['/%2e%2e/gtag/js?id=G-1', true, '"%2e" is a dot in a dot segment'],
  ['/x/%2E%2E/gtag/js?id=G-1', true],
  ['/x/.%2e/gtag/js?id=G-1', true],
  ['/x/%2e./gtag/js?id=G-1', true],
  ['/gtag/%2e/js?id=G-1', true],
  ['\\gtag\\js?id=G-1', true, "'\\\\' is '/' in the path of an http(s) URL"],
  ['/gtag\\js?id=G-1', true],
  ['\\x\\..\\gtag\\js?id=G-1', true],
  ['/gt\tag/js?id=G-1', true, 'tabs are removed'],
  ['/gtag/js?id=G-\n1', true, 'newlines are removed'],
  ['/gtag/%6As?id=G-1', true, 'escapes of printable ASCII are decoded'],
  ['/%67%74%61%67/%6a%73?%69%64=%47-%31', true],
  ['/gtag/js?id=G%2D1', true],
  ['/gtag/js?id%3DG-1', true],
  ['/gtag%2Fjs?id=G-1', true, '"%2F" reads as "/": a matcher holds more, never less'],
  ['/gtag/js%3Fid=G-1', true, '"%3F" reads as "?"'],
  ['/gtag/js?id=G-1&x=a%20b', true],
  ['/gtag/js?id=G-1 ', true, 'trailing spaces are stripped'],
  ['/gtag/js?id=G-1%20', true, 'G-* covers the escaped space'],
  ['/gtag/js?id=G-1\u00e9', true],
  ['/gtag/js?id=G-', true, '"*" may match nothing'],
  ['/gtag/js?id=G-*', true],
  ['/GTAG/js?id=G-1', false, 'paths are case-sensitive'],
  ['/gtag/JS?id=G-1', false],
  ['/gtag/js?id=g-1', false],
  ['/gtag/js?ID=G-1', false],
  ['/gtag/js', false],
  ['/gtag/js?', false, 'an empty query is no query'],
  ['/gtag/js?id=AW-1', false],
  ['/gtag/js?x=1&id=G-1', false],
  ['/gtag/js/?id=G-1', false],
  ['/gtag//js?id=G-1', false, 'an empty segment is a segment'],
  ['//gtag/js?id=G-1', false, 'an empty first segment'],
  ['/gtag/js#?id=G-1', false],
  ['/gtag/js.?id=G-1', false],
  ['/x/gtag/js?id=G-1', false],
  ['/gtag/../js?id=G-1', false],
  ['/gtag/js/..?id=G-1', false],
  ['/%2567tag/js?id=G-1', false, '"%25" stays escaped'],
  ['/gtag/js?id=G%252D1', false],
  ['/gtag/js?id%20=G-1', false],
  ['/gtag/js%00?id=G-1', false],
];
for (const [spelling, same, note] of PATHS) {
  const absolute = spelling.startsWith('//') ? null : same;
  add('paths', 'path', `https://www.googletagmanager.com${spelling}`, GTAG, same === true, SITE, note);
  add('paths', 'path', `//www.googletagmanager.com${spelling}`, GTAG, same === true, SITE, note);
  if (!spelling.startsWith('//')) {
    add('paths', 'path-relative', spelling, GTAG, absolute === true, 'https://www.googletagmanager.com/a/b?c#d', note);
  }
}

// Other pattern shapes.
const OTHER_PATHS = [
  ['www.youtube.com/embed/*', [
    ['/embed/abc', true], ['/embed/', true], ['/embed', false], ['/EMBED/abc', false], ['/embed%2Fabc', true],
    ['/x/../embed/abc', true], ['/embed/../watch?v=abc', false], ['/./embed/abc?rel=0#t=4', true],
    ['\\embed\\abc', true], ['/%65mbed/abc', true], ['/watch?v=abc', false], ['/embed/abc/../../embed/x', true],
    ['?/embed/x', false], ['/embed/%E2%9C%93', true], ['/embed/\u2713', true],
  ]],
  ['connect.facebook.net/*/fbevents.js', [
    ['/en_US/fbevents.js', true], ['/fr_FR/fbevents.js', true], ['/en_US/fbevents.js?v=2', false],
    ['/fbevents.js', false], ['//fbevents.js', true, 'an empty first segment still has its "/"'],
    ['/a/b/c/fbevents.js', true], ['/en_US/sdk.js', false], ['/en_US/fbevents%2Ejs', true],
    ['/en_US/./fbevents.js', true], ['/en_US/fbevents.js#x', true], ['/en_US/fbevents.js/', false],
  ]],
  ['cdn.example.com/a.js', [
    ['/a.js', true], ['/a.js?', true, 'an empty query is no query'], ['/a.js?x', false], ['/a.js#x', true],
    ['/./a.js', true], ['/A.js', false], ['/a%2Ejs', true], ['/a.js/', false], ['/a.js%3F', false],
    ['/aXjs', false, '"." in a pattern is a dot'], ['/b/../a.js', true], ['', false], ['/', false],
  ]],
  ['cdn.example.com/', [
    ['/', true], ['', true, 'an http(s) URL always has the path "/"'], ['/?', true], ['/?x=1', false], ['/x', false],
    ['/#x', true], ['/.', true], ['/x/..', true], ['/x/../', true],
  ]],
  ['cdn.example.com/?x=1', [
    ['/?x=1', true], ['?x=1', true], ['/?x=1#y', true], ['/?x=2', false], ['/x?x=1', false], ['/?x%3D1', true],
  ]],
  ['cdn.example.com/*', [
    ['/', true], ['/anything?at=all', true], ['', true],
  ]],
  ['cdn.example.com/a.b?c=(d)*', [
    ['/a.b?c=(d)e', true, 'characters of regular expressions are literal'], ['/aXb?c=(d)e', false],
    ['/a.b?c=dde', false], ['/a.b?c=%28d%29e', true], ['/a.b?c=(d)', true],
  ]],
  ['cdn.example.com/p/*/x/*.js', [
    ['/p/1/x/2.js', true], ['/p//x/.js', true], ['/p/1/2/x/3/4.js', true], ['/p/1/x/2.jsx', false],
    ['/p/x/2.js', false], ['/q/1/x/2.js', false],
  ]],
  ['cdn.example.com/*a*b*c', [
    ['/abc', true], ['/xaxbxc', true], ['/acb', false], ['/aabbcc', true], ['/cba', false],
  ]],
  ['cdn.example.com/caf*', [
    ['/caf\u00e9', true], ['/caf%C3%A9', true], ['/caf%c3%a9', true], ['/cafe', true], ['/CAFE', false],
  ]],
  ['cdn.example.com/caf%C3%A9', [
    ['/caf\u00e9', true, 'non-ASCII is escaped in upper case'], ['/caf%c3%a9', true], ['/caf%C3%A9', true],
    ['/cafe', false],
  ]],
  ['cdn.example.com/a%20b', [
    ['/a b', true], ['/a%20b', true], ['/a%2520b', false], ['/a+b', false],
  ]],
  ['cdn.example.com/a|b^c`d{e}f"g<h>i', [
    ['/a|b^c`d{e}f"g<h>i', true, 'browsers escape these differently; the rule reads them decoded'],
    ['/a%7Cb%5Ec%60d%7Be%7Df%22g%3Ch%3Ei', true], ['/a%7cb%5ec%60d%7be%7df%22g%3ch%3ei', true],
  ]],
];
for (const [pattern, cases] of OTHER_PATHS) {
  const host = pattern.slice(0, pattern.indexOf('/'));
  for (const [spelling, same, note] of cases) {
    add('paths', 'glob', `https://${host}${spelling}`, pattern, same, SITE, note);
    add('paths', 'glob', `HTTP://${host.toUpperCase()}${spelling}`, pattern, same, SITE, note);
  }
}

// ---- schemes.json: what reaches a host over the network ----

const COLLECT = 'www.google-analytics.com/g/collect?v=2';
// [prefix before COLLECT, base, reaches the host?, note]
const SCHEMES = [
  ['https://', SITE, true], ['http://', SITE, true], ['HTTPS://', SITE, true], ['HtTp://', SITE, true],
  ['wss://', SITE, true, 'a WebSocket reaches the host too'], ['ws://', SITE, true], ['WSS://', SITE, true],
  ['ftp://', SITE, false, 'not fetched by browsers'], ['file://', SITE, false], ['FILE:///', SITE, false],
  ['blob:https://', SITE, false, 'a blob: URL is read from memory'], ['data:text/plain,https://', SITE, false],
  ['about:', SITE, false], ['about:blank#https://', SITE, false], ['javascript://', SITE, false],
  ['javascript:fetch("https://', SITE, false], ['mailto:x@', SITE, false], ['view-source:https://', SITE, false],
  ['chrome://', SITE, false], ['https+x://', SITE, false, 'not a special scheme'], ['web+x://', SITE, false],
  ['h ttps://', SITE, false, 'a space: not a scheme, a relative path'], ['ht\ttps://', SITE, true, 'tabs are removed'],
  ['htt\nps://', SITE, true], [' https://', SITE, true, 'leading spaces are stripped'],
  ['\u0000\u0001https://', SITE, true, 'leading controls are stripped'], ['\u00a0https://', SITE, false, 'NBSP is not stripped'],
  ['https:', SITE, false, '"https:host" on an https page is a relative path'],
  ['https:', 'http://www.site.example/', true, 'on an http page it is the host'],
  ['https:', null, true],
  ['https:/', SITE, false], ['https:/', 'http://www.site.example/', true], ['https:/', null, true],
  ['https:\\\\', SITE, true], ['https:\\/', SITE, true], ['https:/\\', SITE, true], ['https:///', SITE, true],
  ['https:////', SITE, true], ['https:\\\\\\', SITE, true], ['http:\\\\', SITE, true],
  ['//', SITE, true, 'protocol-relative'], ['\\\\', SITE, true], ['/\\', SITE, true], ['\\/', SITE, true],
  ['///', SITE, true], ['////', SITE, true], ['//', 'http://www.site.example/', true], ['//', null, false, 'no base'],
  ['//', 'about:blank', false], ['//', 'data:text/html,x', false], ['//', 'file:///tmp/a.html', false],
  ['//', 'wss://www.site.example/socket', true], ['/', SITE, false], ['', SITE, false],
  ['./', SITE, false], ['../', SITE, false], ['?', SITE, false], ['#', SITE, false], ['https:/x/../', SITE, false],
];
for (const [prefix, base, net, note] of SCHEMES) {
  add('schemes', 'scheme', prefix + COLLECT, '*.google-analytics.com/g/*', net, base, note);
  add('schemes', 'scheme', prefix + COLLECT.replace('/g/collect?v=2', ''), 'www.google-analytics.com', net, base, note);
}

// ---- relative.json: relative URLs and the base they resolve against ----

const TRACKER_BASE = 'https://www.googletagmanager.com/gtag/index.html?q=1#f';
const RELATIVE = [
  // On the site: never a tracker, whatever the string looks like.
  ['www.googletagmanager.com/gtag/js?id=G-1', SITE, GTAG, false, 'a bare host is a relative path'],
  ['./www.googletagmanager.com/gtag/js?id=G-1', SITE, GTAG, false],
  ['../www.googletagmanager.com/gtag/js?id=G-1', SITE, GTAG, false],
  ['/www.googletagmanager.com/gtag/js?id=G-1', SITE, GTAG, false],
  ['?https://www.googletagmanager.com/gtag/js?id=G-1', SITE, GTAG, false],
  ['#https://www.googletagmanager.com/gtag/js?id=G-1', SITE, GTAG, false],
  ['', SITE, GTAG, false],
  ['.', SITE, GTAG, false],
  ['gtag/js?id=G-1', SITE, GTAG, false],
  ['www.google-analytics.com', SITE, GA, false],
  ['www.google-analytics.com', null, GA, false, 'no base: not a URL'],
  ['/g/collect', null, GA, false],
  ['g/collect', null, GA, false],
  ['?v=2', null, GA, false],
  // Against a tracker's own base (a page or frame on its host).
  ['js?id=G-1', TRACKER_BASE, GTAG, true],
  ['./js?id=G-1', TRACKER_BASE, GTAG, true],
  ['../gtag/js?id=G-1', TRACKER_BASE, GTAG, true],
  ['../../../gtag/js?id=G-1', TRACKER_BASE, GTAG, true],
  ['/gtag/js?id=G-1', TRACKER_BASE, GTAG, true],
  ['js?id=AW-1', TRACKER_BASE, GTAG, false],
  ['?id=G-1', 'https://www.googletagmanager.com/gtag/js', GTAG, true],
  ['?id=G-1', 'https://www.googletagmanager.com/gtag/js?id=AW-1', GTAG, true],
  ['?id=AW-1', 'https://www.googletagmanager.com/gtag/js?id=G-1', GTAG, false],
  ['', 'https://www.googletagmanager.com/gtag/js?id=G-1#x', GTAG, true, 'empty: the base without its fragment'],
  ['#y', 'https://www.googletagmanager.com/gtag/js?id=G-1#x', GTAG, true],
  ['.', 'https://www.googletagmanager.com/gtag/js?id=G-1', GTAG, false],
  ['js?id=G-1', 'https://www.googletagmanager.com/gtag/', GTAG, true],
  ['js?id=G-1', 'https://www.googletagmanager.com/gtag', GTAG, false],
  ['gtag/js?id=G-1', 'https://www.googletagmanager.com/', GTAG, true],
  ['gtag/js?id=G-1', 'https://www.googletagmanager.com', GTAG, true],
  ['https:js?id=G-1', TRACKER_BASE, GTAG, true, 'same scheme: relative'],
  ['http:js?id=G-1', TRACKER_BASE, GTAG, false, 'other scheme: "js" is the host'],
  ['HTTPS:js?id=G-1', TRACKER_BASE, GTAG, true],
  ['//www.site.example/gtag/js?id=G-1', TRACKER_BASE, GTAG, false],
  ['\\gtag\\js?id=G-1', TRACKER_BASE, GTAG, true],
  ['  js?id=G-1  ', TRACKER_BASE, GTAG, true],
  ['j\ts?id=G-1', TRACKER_BASE, GTAG, true],
  ['%6As?id=G-1', TRACKER_BASE, GTAG, true],
  ['js?id=G-1', 'https://user:pw@www.googletagmanager.com:8443/gtag/x', GTAG, true],
  ['js?id=G-1', 'wss://www.googletagmanager.com/gtag/', GTAG, true],
  ['js?id=G-1', 'blob:https://www.googletagmanager.com/gtag/', GTAG, false, 'a blob: base has an opaque path'],
  ['collect', 'https://region1.google-analytics.com/g/', GA, true],
  ['/', 'https://www.google-analytics.com/x', GA, true],
  ['x', 'https://notgoogle-analytics.com/', GA, false],
  ['//evil.example/', 'https://www.google-analytics.com/', GA, false],
  ['https://www.google-analytics.com/', 'https://www.site.example/', GA, true, 'an absolute URL ignores the base'],
  ['https://www.google-analytics.com/', 'about:blank', GA, true],
  ['https://www.google-analytics.com/', null, GA, true],
];
for (const [url, base, pattern, match, note] of RELATIVE) add('relative', 'relative', url, pattern, match, base, note);

// ---- idn.json: international domain names ----

const IDN = [
  ['xn--mnchen-3ya.example/*', 'https://m\u00fcnchen.example/x', true],
  ['xn--mnchen-3ya.example/*', 'https://xn--mnchen-3ya.example/x', true],
  ['xn--mnchen-3ya.example/*', 'https://XN--MNCHEN-3YA.EXAMPLE/x', true],
  ['xn--mnchen-3ya.example/*', 'https://m%C3%BCnchen.example/x', true],
  ['xn--mnchen-3ya.example/*', 'https://m%c3%bcnchen.example/x', true],
  ['xn--mnchen-3ya.example/*', 'https://\uff4d\u00fc\uff4e\uff43\uff48\uff45\uff4e.example/x', true, 'fullwidth letters around a non-ASCII one'],
  ['xn--mnchen-3ya.example/*', 'https://MüNCHEN.example/x', true],
  ['xn--mnchen-3ya.example/*', 'https://m\u00fcnchen\u3002example/x', true],
  ['xn--mnchen-3ya.example/*', 'https://muenchen.example/x', false],
  ['xn--mnchen-3ya.example/*', 'https://mnchen.example/x', false],
  ['xn--mnchen-3ya.example/*', 'https://m\u00fcnchen.example.evil/x', false],
  ['xn--mnchen-3ya.example/*', 'https://m\u00fbnchen.example/x', false],
  ['xn--zca.example', 'https://\u00df.example/', true, 'sharp s is kept (nontransitional)'],
  ['ss.example', 'https://\u00df.example/', false],
  ['xn--1ca.example', 'https://\u00e1.example/', true],
  ['xn--ls8h.example', 'https://\u{1f4a9}.example/', true],
  ['xn--80aswg.example', 'https://\u0441\u0430\u0439\u0442.example/', true],
  ['*.example.org', 'https://b\u00fccher.example.org/', true],
  ['*.example.org', 'https://\u0431\u0443\u043a.example.org/', true],
  ['*.example.org', 'https://example\u3002org/', true],
  ['*.example.org', 'https://b\u00fccher.example\uff0eorg/', true],
  ['*.example.org', 'https://example.\u043egr/', false],
  ['bücher.example', 'https://b\u00fccher.example/', false, 'pattern hosts are ASCII: write "xn--bcher-kva"'],
  ['xn--bcher-kva.example', 'https://b\u00fccher.example/', true],
  ['xn--bcher-kva.example', 'https://bücher.example./', true],
  ['xn--bcher-kva.example', 'https://bcher.example/', false],
  ['www.youtube.com', 'https://www.\uff59\uff4f\uff55\uff54\uff55\uff42\uff45.com/', true],
  ['www.youtube.com', 'https://www.\u0443outube.com/', false, 'Cyrillic u'],
  ['www.youtube.com', 'https://www.you\u00adtube.com/', true],
  ['www.youtube.com', 'https://www.you\u2024tube.com/', false],
  ['js.hs-scripts.com', 'https://js.hs\uff0dscripts.com/1.js', true, 'fullwidth hyphen-minus'],
  ['js.hs-scripts.com', 'https://js.hs\u2010scripts.com/1.js', false, 'U+2010 hyphen is another character'],
  ['js.hs-scripts.com', 'https://\u24d9\u24e2.hs-scripts.com/1.js', true],
  ['js.hs-scripts.com', 'https://js.hs-scripts.\u24b8om/1.js', true, 'circled capital C'],
];
for (const [pattern, url, match, note] of IDN) add('idn', 'idn', url, pattern, match, SITE, note);

// ---- ipv4.json: numeric hosts ----

const IPV4 = [
  ['http://192.0.2.1/', true], ['http://3221225985/', true, 'one number'], ['http://0xC0.0.2.1/', true],
  ['http://0xc0000201/', true], ['http://0300.0.2.1/', true, 'octal'], ['http://192.0.513/', true],
  ['http://192.513/', true, '192 and 513 = 2 × 256 + 1 for the last three bytes'],
  ['http://192.0.2.1./', true], ['http://192.0.2.01/', true], ['http://192.0.2.0x1/', true],
  ['http://%31%39%32.0.2.1/', true], ['http://\uff11\uff19\uff12.0.2.1/', true],
  ['http://192.0.2.1.5/', null], ['http://192.0.2.256/', null], ['http://192.0.2.09/', null],
  ['http://4294967296/', null], ['http://192.0.2/', false], ['http://192.0.2.1.x/', false],
  ['http://x.192.0.2.1/', null, 'ends in a number, five parts'], ['http://192.0.2.1:80/', true],
  ['http://user@192.0.2.1/', true], ['http://[::ffff:192.0.2.1]/', false, 'IPv6 is not matched'],
];
for (const [url, match, note] of IPV4) add('ipv4', 'ipv4', url, '192.0.2.1', match === true, SITE, note);
for (const [url, match, note] of IPV4) add('ipv4', 'ipv4', url.replace('http://', '//'), '192.0.2.1/', match === true, SITE, note);
add('ipv4', 'ipv4', 'https://www.google-analytics.123/', GA, false, SITE, 'ends in a number: not an address, refused');
add('ipv4', 'ipv4', 'https://www.google-analytics.com.1/', GA, false, SITE);
add('ipv4', 'ipv4', 'https://www.google-analytics.com.0x1/', GA, false, SITE);
add('ipv4', 'ipv4', 'https://www.google-analytics.com.1x/', '*.google-analytics.com.1x', true, SITE, '"1x" is not a number');

// ---- cookies.json: cookie-name patterns ----

const COOKIES = [
  ['_ga', '_ga', true], ['_ga', '_gat', false], ['_ga', 'x_ga', false], ['_ga', '_GA', false],
  ['_ga_*', '_ga_ABC123', true], ['_ga_*', '_ga_', true], ['_ga_*', '_ga', false], ['*', 'anything', true],
  ['*', '', true], ['', '', true], ['', 'a', false], ['*_hs', 'x_hs', true], ['*_hs', 'x_hsx', false],
  ['_gac_*_x', '_gac_UA-1_x', true], ['a*b*c', 'aXXbYYc', true], ['a*b*c', 'aXXbYY', false],
  ['*ab', 'aab', true], ['*a*b', 'xaxxab', true], ['a*a', 'a', false], ['a**b', 'ab', true],
  ['__hs*', '__hstc', true], ['_gcl_*', '_gcl_au', true], ['_ga.?', '_gaXX', false], ['_ga.?', '_ga.?', true],
  ['a.b', 'axb', false], ['a.b', 'a.b', true], ['(a)+[b]{c}^$|\\', '(a)+[b]{c}^$|\\', true],
  ['(a)+', 'aa', false], ['[ab]', 'a', false], ['a|b', 'a', false], ['$x', '$x', true], ['^x', 'x', false],
  ['x\\*', 'x\\yy', true], ['*.*', 'a.b', true], ['*.*', 'ab', false], ['__Secure-*', '__Secure-id', true],
  ['__Host-*', '__host-id', false], ['li_*', 'li_fat_id', true], ['AnalyticsSyncHistory', 'AnalyticsSyncHistory', true],
  ['*', '\u00e9', true], ['\u00e9*', '\u00e9t\u00e9', true],
];
for (const [pattern, name, match] of COOKIES) (files.cookies ||= []).push({ kind: 'cookie', name, pattern, match });

const ABOUT = {
  hosts: 'One host spelled every way a page can spell it, and "*.domain" patterns.',
  paths: 'One path and query spelled every way; other pattern shapes (globs).',
  schemes: 'Which schemes and prefixes reach a host over the network, with and without a base.',
  relative: 'Relative URLs against the page\'s base, including a tracker\'s own base.',
  idn: 'International domain names: mapping to ASCII, Punycode, look-alikes.',
  ipv4: 'Numeric hosts read as IPv4 addresses, and hosts that end in a number.',
  cookies: 'Cookie-name patterns: "*" matches any run of characters, nothing else is special.',
};
let total = 0;
for (const [name, cases] of Object.entries(files)) {
  total += name === 'cookies' ? 0 : cases.length;
  const lines = cases.map((c) => '    ' + JSON.stringify(c));
  writeFileSync(join(here, name + '.json'),
    `{\n  "about": ${JSON.stringify(ABOUT[name])},\n  "cases": [\n${lines.join(',\n')}\n  ]\n}\n`);
}
console.log(`[url-match] ${total} URL cases, ${files.cookies.length} cookie cases`);
