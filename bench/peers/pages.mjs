// pages.mjs — the one demo page of the peers benchmark, integrated with each
// consent manager (CMP) the way its own documentation says.
//
// The page: GA4 (gtag.js + its inline config) and the HubSpot tracking code;
// scenario extras, one at a time so that a leak is attributed to one cause:
//   youtube  a YouTube embed (<iframe>)
//   pixel    HubSpot's tracking pixel (<img>)
//   inject   a site script that, after `load`, injects a second gtag.js with
//            document.createElement (the site's own code, identical for all)
//
// Variants (`CMPS`): baseline (the vendors' snippets as published, no CMP),
// wafer (stub first in <head>, docs/integration.md), vanilla
// (vanilla-cookieconsent 3.1.0 "Getting started" + "Scripts management":
// type="text/plain" data-category, config module at the end of <body>), klaro
// (Klaro 0.7.22 README: config.js + klaro.js both `defer` in <head>, tags as
// type="text/plain" data-type data-name data-src), tac (tarteaucitron 1.34.0
// README: tarteaucitron.js + tarteaucitron.init() in <head> with the README's
// settings, services as tarteaucitron.user.* + (tarteaucitron.job = …).push()).
//
// Where a CMP has no documented way to hold an element, the element stays as
// the vendor publishes it and `expressible()` says so (the leak table marks it).

export const GA_ID = 'G-BENCH00001';
export const GA_INJECTED_ID = 'G-BENCH00002';
export const HS_PORTAL = '1234567';
export const YT_VIDEO = 'BENCHVIDEO1';
export const PIXEL_URL = `https://track.hubspot.com/__ptq.gif?a=${HS_PORTAL}&k=1&bench=pixel`;

// Peer packages, served from bench/peers/node_modules under /peers/<package>/.
export const PEER_PACKAGES = ['vanilla-cookieconsent', 'klaro', 'tarteaucitronjs'];

export const CMPS = {
  baseline: { label: 'no CMP' },
  wafer: { label: 'Wafer' },
  vanilla: { label: 'vanilla-cookieconsent 3.1.0', pkg: 'vanilla-cookieconsent' },
  klaro: { label: 'Klaro 0.7.22', pkg: 'klaro' },
  tac: { label: 'tarteaucitron 1.34.0', pkg: 'tarteaucitronjs' },
};

// Whether a CMP can hold an extra at all, by its documentation.
export function expressible(cmp, extra) {
  if (cmp === 'vanilla' && (extra === 'youtube' || extra === 'pixel')) {
    return { ok: false, why: 'no documented way to hold an <iframe> or <img> (script tags only); left as published' };
  }
  if (cmp === 'tac' && extra === 'pixel') {
    return { ok: true, how: 'custom service (README "Create custom service") whose js() adds the <img>' };
  }
  return { ok: true };
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const gaSrc = `https://www.googletagmanager.com/gtag/js?id=${GA_ID}`;
const hsSrc = `//js.hs-scripts.com/${HS_PORTAL}.js`;
const ytSrc = `https://www.youtube.com/embed/${YT_VIDEO}`;
const gaInline = `<script>
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());
  gtag('config', '${GA_ID}');
</script>`;
const injector = `<script>
  // The site's own code (unchanged for every CMP): a widget that adds a Google tag after load.
  window.addEventListener('load', function () {
    var s = document.createElement('script');
    s.async = true;
    s.src = 'https://www.googletagmanager.com/gtag/js?id=${GA_INJECTED_ID}';
    document.head.appendChild(s);
  });
</script>`;

// Per CMP: what goes in <head> first, the GA tag, the HubSpot tag, the extras, the end of <body>.
const PARTS = {
  baseline: {
    headFirst: '',
    ga: `<script async src="${gaSrc}"></script>\n${gaInline}`,
    hs: `<script type="text/javascript" id="hs-script-loader" async defer src="${hsSrc}"></script>`,
    youtube: `<iframe width="560" height="315" src="${ytSrc}" title="YouTube video player" frameborder="0" allowfullscreen></iframe>`,
    pixel: `<img src="${esc(PIXEL_URL)}" width="1" height="1" alt="">`,
    bodyEnd: '',
  },
  wafer: {
    headFirst: '<script src="/v1/sites/bench/wafer.js"></script>',
    ga: `<script type="text/plain" data-wafer-service="google-analytics" async src="${gaSrc}"></script>\n${gaInline}`,
    hs: `<script type="text/plain" data-wafer-service="hubspot" id="hs-script-loader" async defer src="${hsSrc}"></script>`,
    youtube: `<iframe width="560" height="315" data-wafer-service="youtube" data-wafer-src="${ytSrc}" title="YouTube video player" frameborder="0" allowfullscreen></iframe>`,
    pixel: `<img data-wafer-service="hubspot" data-wafer-src="${esc(PIXEL_URL)}" width="1" height="1" alt="">`,
    bodyEnd: '',
  },
  vanilla: {
    headFirst: '<link rel="stylesheet" href="/peers/vanilla-cookieconsent/dist/cookieconsent.css">',
    ga: `<script type="text/plain" data-category="analytics" async src="${gaSrc}"></script>\n${gaInline}`,
    hs: `<script type="text/plain" data-category="marketing" id="hs-script-loader" async defer src="${hsSrc}"></script>`,
    youtube: null,  // not expressible: as published
    pixel: null,
    bodyEnd: '<script type="module" src="/vanilla-config.js"></script>',
  },
  klaro: {
    headFirst: '<script defer type="text/javascript" src="/klaro-config.js"></script>\n' +
      '<script defer type="text/javascript" src="/peers/klaro/dist/klaro.js"></script>',
    ga: `<script type="text/plain" data-type="text/javascript" data-name="google-analytics" async data-src="${gaSrc}"></script>\n${gaInline}`,
    hs: `<script type="text/plain" data-type="text/javascript" data-name="hubspot" id="hs-script-loader" async defer data-src="${hsSrc}"></script>`,
    youtube: `<iframe width="560" height="315" data-name="youtube" data-src="${ytSrc}" title="YouTube video player" frameborder="0" allowfullscreen></iframe>`,
    pixel: `<img data-name="hubspot" data-src="${esc(PIXEL_URL)}" width="1" height="1" alt="">`,
    bodyEnd: '',
  },
  tac: {
    headFirst: '<script src="/peers/tarteaucitronjs/tarteaucitron.js"></script>\n<script>\n' +
      'tarteaucitron.init({\n' +
      '  "privacyUrl": "/privacy", "bodyPosition": "bottom", "hashtag": "#tarteaucitron", "cookieName": "tarteaucitron",\n' +
      '  "orientation": "middle", "groupServices": false, "showDetailsOnClick": true, "serviceDefaultState": "wait",\n' +
      '  "showAlertSmall": false, "showTitleBanner": false, "cookieslist": false, "cookieslistEmbed": false, "showIcon": true,\n' +
      '  "iconPosition": "BottomRight", "adblocker": false, "DenyAllCta": true, "AcceptAllCta": true, "highPrivacy": true,\n' +
      '  "alwaysNeedConsent": false, "handleBrowserDNTRequest": false, "removeCredit": false, "moreInfoLink": true,\n' +
      '  "useExternalCss": false, "useExternalJs": false, "readmoreLink": "", "mandatory": true, "mandatoryCta": true,\n' +
      '  "googleConsentMode": true, "bingConsentMode": true, "pianoConsentMode": true, "pianoConsentModeEssential": false,\n' +
      '  "softConsentMode": false, "dataLayer": false, "serverSide": false, "partnersList": false\n' +
      '});\n</script>',
    ga: '',  // the gtag service loads gtag.js and sends the config itself
    hs: '',
    youtube: `<div class="youtube_player" videoID="${YT_VIDEO}" width="560" height="315" theme="light" rel="1" controls="1" showinfo="1" autoplay="0" mute="0" srcdoc="" loop="0" loading="1"></div>`,
    pixel: '<div id="bench-hs-pixel"></div>',
    bodyEnd: (extras) => '<script>\n' +
      `tarteaucitron.user.gtagUa = '${GA_ID}';\n` +
      "(tarteaucitron.job = tarteaucitron.job || []).push('gtag');\n" +
      `tarteaucitron.user.hubspotId = '${HS_PORTAL}';\n` +
      "(tarteaucitron.job = tarteaucitron.job || []).push('hubspot');\n" +
      (extras.includes('youtube') ? "(tarteaucitron.job = tarteaucitron.job || []).push('youtube');\n" : '') +
      (extras.includes('pixel') ? [
        '// README "Create custom service": the HubSpot pixel as a service of its own.',
        'tarteaucitron.services.hubspotpixel = {',
        '  "key": "hubspotpixel", "type": "ads", "name": "HubSpot pixel", "needConsent": true, "cookies": [],',
        '  "js": function () {',
        '    var img = document.createElement("img");',
        `    img.width = 1; img.height = 1; img.alt = ""; img.src = "${PIXEL_URL}";`,
        '    document.getElementById("bench-hs-pixel").appendChild(img);',
        '  }',
        '};',
        "(tarteaucitron.job = tarteaucitron.job || []).push('hubspotpixel');",
      ].join('\n') + '\n' : '') +
      '</script>',
  },
};

// The HTML of one page: `extras` is a subset of ['youtube', 'pixel', 'inject'].
export function renderPage(cmp, extras = []) {
  const p = PARTS[cmp];
  if (!p) throw new Error('unknown CMP ' + cmp);
  const extra = (k) => {
    if (!extras.includes(k)) return '';
    const v = p[k] === null ? PARTS.baseline[k] : p[k];
    return v;
  };
  const bodyEnd = typeof p.bodyEnd === 'function' ? p.bodyEnd(extras) : p.bodyEnd;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${p.headFirst}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bench Co. — ${CMPS[cmp].label}</title>
<link rel="stylesheet" href="/style.css">
${p.ga}
</head>
<body>
<header><strong>Bench Co.</strong> <nav><a href="/">Home</a> <a href="#contact">Contact</a></nav></header>
<main>
  <h1>Cloud software for small teams</h1>
  <p>Bench Co. makes scheduling, invoicing and support software for teams of five to fifty. This page is the
  benchmark page of Wafer: the same content, Google Analytics 4 (gtag.js) and the HubSpot tracking code, with
  no consent manager, with Wafer, and with three other consent managers, each integrated as its documentation says.</p>
  <p>Our products are used by thousands of businesses across Europe and North America. Each plan includes
  unlimited users, a mobile app and email support; the business plan adds single sign-on and audit logs.</p>
  ${extra('youtube')}
  <section id="contact"><h2>Talk to our team</h2><p>Write to hello@bench.test or call us on weekdays.</p></section>
</main>
<footer><a href="/privacy">Privacy policy</a></footer>
${extra('pixel')}
<!-- Start of HubSpot Embed Code -->
${p.hs}
<!-- End of HubSpot Embed Code -->
${extras.includes('inject') ? injector : ''}
${bodyEnd}
</body>
</html>
`;
}

export const STYLE_CSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#111}
header,main,footer{max-width:760px;margin:0 auto;padding:16px}
header{display:flex;justify-content:space-between;border-bottom:1px solid #ddd}
h1{font-size:28px;line-height:1.2}
`;

// vanilla-cookieconsent: cookieconsent-config.js as "Getting started" writes it
// (self-hosted UMD build), with each category's autoClear cookies as
// "Categories → autoClear" documents, so that refusal/withdrawal deletes them.
export const VANILLA_CONFIG = `import '/peers/vanilla-cookieconsent/dist/cookieconsent.umd.js';

CookieConsent.run({
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: { autoClear: { cookies: [{ name: /^_ga/ }, { name: '_gid' }] } },
    marketing: { autoClear: { cookies: [{ name: /^__hs/ }, { name: 'hubspotutk' }] } }
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'We use cookies to measure how the site is used (Google Analytics) and for B2B marketing (HubSpot).',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage individual preferences'
        },
        preferencesModal: {
          title: 'Manage cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Accept current selection',
          closeIconLabel: 'Close modal',
          sections: [
            { title: 'Strictly necessary', description: 'Keep the site working and remember your cookie choices. Always on.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'Measure how the site is used (Google Analytics).', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'B2B marketing and advertising on this site and others (HubSpot).', linkedCategory: 'marketing' }
          ]
        }
      }
    }
  }
});
`;

// Klaro: the global klaroConfig its README and annotated dist/config.js
// describe; every service lists its cookies by name (the documented default:
// Klaro deletes them on the current domain unless a domain is given).
export const KLARO_CONFIG = `var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 365,
  default: false,
  mustConsent: false,
  acceptAll: true,
  hideDeclineAll: false,
  groupByPurpose: true,
  htmlTexts: false,
  lang: 'en',
  translations: {
    zz: { privacyPolicyUrl: '/privacy' },
    en: {
      consentNotice: { description: 'We use cookies to measure how the site is used (Google Analytics) and for B2B marketing (HubSpot).' },
      purposes: { analytics: 'Analytics', marketing: 'Marketing' },
      'google-analytics': { description: 'Measure how the site is used.' },
      hubspot: { description: 'B2B marketing and advertising.' },
      youtube: { description: 'Embedded videos.' }
    }
  },
  services: [
    { name: 'google-analytics', title: 'Google Analytics 4', purposes: ['analytics'], cookies: [/^_ga(_.*)?$/, '_gid'] },
    { name: 'hubspot', title: 'HubSpot', purposes: ['marketing'], cookies: ['__hstc', 'hubspotutk', '__hssc', '__hssrc'] },
    { name: 'youtube', title: 'YouTube', purposes: ['marketing'] }
  ]
};
`;
