// spa.test.mjs — containers marked data-wafer-placeholder that a
// single-page app renders after the decision (docs/integration.md
// "Single-page applications"), in headless Chromium against the real
// wafer-server. The shop's policy (kashop: HubSpot forms in "functional");
// its page is replaced by a small client-side app: an empty <main>, views
// rendered by script, routes changed with history.pushState, and a contact
// view that renders the form's container and loads HubSpot's form library
// with createElement (held by its URL), drawing the form on its load event.
//
// - After "Reject all": a container inserted by script after load, one in
//   markup written as a string, and the contact view's after a pushState
//   route change, get their placeholder;
//   the form's library stays held. The placeholder's "Load" draws the form
//   into the container rendered later.
// - A container removed and put back keeps exactly one placeholder; one
//   whose placeholder the app wiped gets it again; a route away and back
//   (a new container) gets one; a removed container is not kept alive by
//   Wafer (a WeakRef to it is cleared by a forced garbage collection).
// - After "Accept all" (and after allowService('hubspot-forms') alone): a
//   newly inserted container gets none and the form loads into it.
//
//   node --test tests/e2e/spa.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './lib/harness.mjs';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script src="/v1/sites/kashop/wafer.js"></script>
<title>Kashop app</title>
</head>
<body>
<nav><a href="/" data-route>Shop</a> <a href="/contact" data-route>Contact</a>
  <a href="#" data-wafer-open-preferences>Cookie settings</a></nav>
<main id="app"></main>
<script>
  // The form component: its container, then HubSpot's library (once per
  // page), and the form drawn into the container when the library loads.
  function formBox(id) {
    var box = document.createElement('div');
    box.id = id;
    box.className = 'form';
    box.setAttribute('data-wafer-placeholder', 'hubspot-forms');
    return box;
  }
  var waiting = [];
  function loadForm(id) {
    var create = function (target) {
      hbspt.forms.create({ region: 'eu1', portalId: '5555555', formId: 'kashop-quote', target: target });
    };
    if (window.hbspt) return create('#' + id);
    waiting.push('#' + id);
    if (waiting.length > 1) return;
    var s = document.createElement('script');
    s.src = 'https://js.hsforms.net/forms/embed/v2.js';
    s.charset = 'utf-8';
    s.onload = function () {
      // Only the containers still rendered (a view left meanwhile is gone).
      waiting.splice(0).forEach(function (t) { if (document.querySelector(t)) create(t); });
    };
    document.head.appendChild(s);
  }
  var views = {
    '/': function (app) {
      app.innerHTML = '<h1>Oak tables</h1><p>Made to order.</p>';
    },
    '/contact': function (app) {
      var section = document.createElement('section');
      section.innerHTML = '<h1>Ask for a quote</h1>';
      section.appendChild(formBox('route-form'));
      app.appendChild(section);
      loadForm('route-form');
    },
  };
  function render() {
    var app = document.getElementById('app');
    app.replaceChildren();
    views[location.pathname](app);
  }
  window.route = function (path) {
    history.pushState({}, '', path);
    render();
  };
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a[data-route]');
    if (!a) return;
    e.preventDefault();
    window.route(a.getAttribute('href'));
  });
  window.addEventListener('popstate', render);
  render();
  // A modal, a lazy component: a container inserted later on the same view.
  window.insertForm = function (id) {
    var box = formBox(id);
    document.getElementById('app').appendChild(box);
    loadForm(id);
    return box;
  };
</script>
</body>
</html>`;

let h;
before(async () => {
  h = await startHarness();
});
after(async () => {
  if (h) await h.stop();
});

const visitor = () => h.visitor({ region: 'FR', html: () => PAGE, context: { viewport: { width: 1280, height: 1800 } } });
// The placeholders inside the container `#id`.
const placeholdersIn = (v, id) => v.page.locator(`#${id} > .wafer-placeholder[data-wafer-blocked="hubspot-forms"]`);
const formsIn = (v, id) => v.page.locator(`#${id} form.hs-form`);
const formRequests = (v) => v.requests.filter((r) => r.service === 'hubspot-forms');
const ranForms = async (v) => (await v.runs()).filter((r) => r.startsWith('hsforms'));

describe('placeholder containers rendered after the decision', () => {
  test('after "Reject all": a container inserted later and one rendered by a route change get their placeholder', async () => {
    const v = await visitor();
    try {
      await v.open('kashop');
      await v.click('reject');
      assert.equal((await v.page.evaluate(() => window.wafer.getConsent())).services['hubspot-forms'], false);

      // Inserted by script on the current view, after load and after the choice.
      await v.step('insert');
      await v.page.evaluate(() => { window.insertForm('late-form'); });
      await placeholdersIn(v, 'late-form').waitFor({ timeout: 10000 });
      assert.equal(await placeholdersIn(v, 'late-form').count(), 1);
      assert.match(await placeholdersIn(v, 'late-form').evaluate((el) => el.shadowRoot.textContent), /HubSpot/,
        'names the service');

      // Markup written as a string (innerHTML, insertAdjacentHTML, a template engine).
      await v.page.evaluate(() => {
        document.getElementById('app').insertAdjacentHTML('beforeend',
          '<aside><h2>Newsletter</h2><div id="html-form" data-wafer-placeholder="hubspot-forms"></div></aside>');
      });
      await placeholdersIn(v, 'html-form').waitFor({ timeout: 10000 });
      assert.equal(await placeholdersIn(v, 'html-form').count(), 1);

      // A client-side route change: the contact view renders its own container.
      await v.step('route');
      await v.page.click('a[href="/contact"]');
      assert.equal(new URL(v.page.url()).pathname, '/contact', 'pushState, no reload');
      await placeholdersIn(v, 'route-form').waitFor({ timeout: 10000 });
      assert.equal(await placeholdersIn(v, 'route-form').count(), 1);
      await v.quiet();
      assert.deepEqual(formRequests(v), [], 'the form library stays held');
      assert.deepEqual(await ranForms(v), []);
      assert.equal(await v.page.locator('form.hs-form').count(), 0);

      // Its "Load" draws the form into the container the route rendered.
      await v.step('load');
      await v.page.click('#route-form [data-wafer-load="hubspot-forms"]');
      await v.quiet();
      await formsIn(v, 'route-form').waitFor({ timeout: 10000 });
      assert.equal(await placeholdersIn(v, 'route-form').count(), 0, 'the placeholder went');
      assert.equal(formRequests(v).filter((r) => r.phase === 'load').length, 1, 'the library fetched once');
      assert.deepEqual(await ranForms(v), ['hsforms-lib', 'hsforms-create']);
      assert.deepEqual(v.errors || [], []);
    } finally {
      await v.close();
    }
  });

  test('a container removed and put back, wiped, or rendered again by a route keeps one placeholder; none leaks', async () => {
    const v = await visitor();
    try {
      await v.open('kashop');
      await v.click('reject');
      await v.page.evaluate(() => { window.insertForm('moving-form'); });
      await placeholdersIn(v, 'moving-form').waitFor({ timeout: 10000 });

      // Removed, then put back (the same element): one placeholder, still.
      await v.page.evaluate(async () => {
        const box = document.getElementById('moving-form');
        box.remove();
        await new Promise((f) => setTimeout(f, 50));
        document.getElementById('app').prepend(box);
      });
      await v.page.waitForTimeout(300);
      assert.equal(await placeholdersIn(v, 'moving-form').count(), 1, 'one placeholder after re-insertion');

      // The app wipes the container's children and re-inserts it: drawn again.
      await v.page.evaluate(() => {
        const box = document.getElementById('moving-form');
        box.remove();
        box.replaceChildren();
        document.getElementById('app').append(box);
      });
      await placeholdersIn(v, 'moving-form').waitFor({ timeout: 10000 });
      assert.equal(await placeholdersIn(v, 'moving-form').count(), 1, 'drawn again once');

      // Route away and back: the contact view's container is a new element each time.
      for (let i = 0; i < 2; i++) {
        await v.page.click('a[href="/contact"]');
        await placeholdersIn(v, 'route-form').waitFor({ timeout: 10000 });
        assert.equal(await placeholdersIn(v, 'route-form').count(), 1, `visit ${i + 1}: one placeholder`);
        await v.page.click('a[href="/"]');
        assert.equal(await v.page.locator('#route-form').count(), 0);
      }
      // Browser back (popstate re-renders the view).
      await v.page.goBack();
      await placeholdersIn(v, 'route-form').waitFor({ timeout: 10000 });

      // A container with its placeholder, removed and dropped, is collected:
      // Wafer keeps no reference to it.
      await v.page.evaluate(async () => {
        const box = window.insertForm('dropped-form');
        await new Promise((f) => {
          const t = setInterval(() => box.querySelector('.wafer-placeholder') && (clearInterval(t), f()), 20);
        });
        window.__dropped = new WeakRef(box);
        box.remove();
      });
      // Let the mutation records and Wafer's microtasks go.
      await v.page.waitForTimeout(300);
      const cdp = await v.context.newCDPSession(v.page);
      let alive = true;
      for (let i = 0; i < 5 && alive; i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        alive = await v.page.evaluate(() => window.__dropped.deref() !== undefined);
        if (alive) await v.page.waitForTimeout(200);
      }
      await cdp.detach();
      assert.equal(alive, false, 'the removed container was collected');

      await v.quiet();
      assert.deepEqual(formRequests(v), [], 'the form library stays held');
      assert.deepEqual(v.errors || [], []);
    } finally {
      await v.close();
    }
  });

  for (const [how, choose] of [
    ['"Accept all"', (v) => v.click('accept')],
    ['allowService("hubspot-forms") alone', async (v) => {
      await v.page.evaluate(() => window.wafer.allowService('hubspot-forms'));
      await v.quiet();
    }],
  ]) {
    test(`after ${how}: a container inserted later gets none and the form loads into it`, async () => {
      const v = await visitor();
      try {
        await v.open('kashop');
        await choose(v);
        const c = await v.page.evaluate(() => window.wafer.getConsent());
        assert.equal(c.services['hubspot-forms'], true);
        await v.step('route');
        await v.page.click('a[href="/contact"]');
        await formsIn(v, 'route-form').waitFor({ timeout: 10000 });
        await v.step('insert');
        await v.page.evaluate(() => { window.insertForm('late-form'); });
        await formsIn(v, 'late-form').waitFor({ timeout: 10000 });
        await v.quiet();
        // Give a wrongly drawn placeholder time to show.
        await v.page.waitForTimeout(500);
        assert.equal(await v.page.locator('.wafer-placeholder').count(), 0, 'no placeholder anywhere');
        assert.equal(formRequests(v).filter((r) => r.phase === 'route').length, 1, 'the library fetched once');
        assert.deepEqual(await ranForms(v), ['hsforms-lib', 'hsforms-create', 'hsforms-create']);
        assert.deepEqual(v.errors || [], []);
      } finally {
        await v.close();
      }
    });
  }
});
