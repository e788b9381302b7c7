// fakes.mjs — what every tracker host answers in the e2e tests, and which
// vendor service a request belongs to (an oracle independent of Wafer's own
// matcher: plain regular expressions written from the vendors' documentation).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fakes');
const file = (name) => readFileSync(join(dir, name), 'utf8');
const js = (body) => ({ contentType: 'text/javascript', body });
const gif = () => ({
  contentType: 'image/gif',
  body: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
});
const html = (name, cookie) => ({
  contentType: 'text/html',
  body: file('embed.html').replaceAll('__NAME__', name).replaceAll('__COOKIE__', cookie),
});
const generic = (name, cookie = '', pixel = '') =>
  js(file('generic.js').replace('__NAME__', name).replace('__COOKIE__', cookie).replace('__PIXEL__', pixel));

// [service, URL regexp, response(url)] — first match wins.
export const TRACKERS = [
  ['google-analytics', /^https?:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-/, (u) => js(file('gtag.js').replaceAll('__TAG_ID__', u.searchParams.get('id')))],
  ['google-ads', /^https?:\/\/www\.googletagmanager\.com\/gtag\/js\?id=AW-/, (u) => js(file('gtag.js').replaceAll('__TAG_ID__', u.searchParams.get('id')))],
  ['google-tag-manager', /^https?:\/\/www\.googletagmanager\.com\/gtm\.js\?id=GTM-/, (u) => js(file('gtm.js').replaceAll('__CONTAINER_ID__', u.searchParams.get('id').replace(/[^\w-]/g, '')))],
  ['google-analytics', /^https?:\/\/([\w-]+\.)*google-analytics\.com\//, () => ({ status: 204 })],
  ['google-analytics', /^https?:\/\/([\w-]+\.)*analytics\.google\.com\//, () => ({ status: 204 })],
  ['google-ads', /^https?:\/\/(www\.googleadservices\.com|([\w-]+\.)*doubleclick\.net|www\.google\.com\/pagead)\//, gif],
  ['hubspot', /^https?:\/\/js(-\w+)?\.hs-scripts\.com\/(\d+)\.js/, (u) => js(file('hubspot-loader.js').replace('__PORTAL__', /(\d+)\.js/.exec(u.pathname)[1]))],
  ['hubspot', /^https?:\/\/js\.hs-analytics\.net\//, () => js(file('hs-analytics.js'))],
  ['hubspot', /^https?:\/\/js\.hs-banner\.com\//, () => generic('hs-banner')],
  ['hubspot', /^https?:\/\/js\.hscollectedforms\.net\//, () => generic('hs-collectedforms')],
  ['hubspot', /^https?:\/\/js\.hsadspixel\.net\//, () => generic('hs-adspixel')],
  ['hubspot', /^https?:\/\/track\.hubspot\.com\//, gif],
  ['hubspot-forms', /^https?:\/\/js\.hsforms\.net\/forms\/embed\/v2\.js/, () => js(file('hsforms.js'))],
  ['hubspot-forms', /^https?:\/\/forms(-\w+)?\.hsforms\.com\//, () => ({ status: 204 })],
  ['hubspot-chat', /^https?:\/\/js\.usemessages\.com\//, () => generic('hs-messages')],
  ['facebook-pixel', /^https?:\/\/connect\.facebook\.net\/[\w_]+\/fbevents\.js/, () => generic('fbevents', '_fbp', 'https://www.facebook.com/tr?id=1234567890&ev=PageView')],
  ['facebook-pixel', /^https?:\/\/www\.facebook\.com\/tr/, gif],
  ['facebook-plugins', /^https?:\/\/www\.facebook\.com\/plugins\//, () => html('Facebook plugin', 'datr')],
  ['facebook-plugins', /^https?:\/\/connect\.facebook\.net\/[\w_]+\/sdk\.js/, () => generic('facebook-sdk')],
  ['linkedin-insight', /^https?:\/\/snap\.licdn\.com\//, () => generic('linkedin-insight', 'li_fat_id', 'https://px.ads.linkedin.com/collect/?pid=7654321&fmt=gif')],
  ['linkedin-insight', /^https?:\/\/px\.ads\.linkedin\.com\//, gif],
  ['linkedin-plugins', /^https?:\/\/(platform\.linkedin\.com|www\.linkedin\.com\/embed)\//, () => html('LinkedIn post', 'bcookie')],
  ['x-widgets', /^https?:\/\/(platform|syndication)\.twitter\.com\//, () => generic('x-widgets')],
  ['youtube', /^https?:\/\/www\.youtube(-nocookie)?\.com\/embed\//, () => html('YouTube video', 'YSC')],
];

// First-party cookies each service sets (the fakes set exactly these).
export const COOKIES = {
  'google-analytics': [/^_ga$/, /^_ga_/],
  'google-ads': [/^_gcl_/],
  hubspot: [/^__hstc$/, /^hubspotutk$/, /^__hssc$/, /^__hssrc$/],
  'facebook-pixel': [/^_fbp$/],
  'linkedin-insight': [/^li_fat_id$/],
};

// The service of a tracker URL, or null.
export function serviceOfUrl(url) {
  for (const [service, re] of TRACKERS) if (re.test(url)) return service;
  return null;
}

// The response for a tracker URL: { status, contentType, body } (404 if unknown).
export function fakeResponse(url) {
  const u = new URL(url);
  for (const [, re, respond] of TRACKERS) {
    if (re.test(url)) return { status: 200, ...respond(u) };
  }
  return { status: 404, contentType: 'text/plain', body: 'no fake for ' + url };
}
