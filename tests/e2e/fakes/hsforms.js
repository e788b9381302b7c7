// Fake HubSpot forms library (js.hsforms.net/forms/embed/v2.js):
// hbspt.forms.create() draws a form after the calling script, or in `target`.
(function () {
  (window.__runs = window.__runs || []).push('hsforms-lib');
  window.hbspt = window.hbspt || {};
  window.hbspt.forms = {
    create: function (o) {
      (window.__runs = window.__runs || []).push('hsforms-create');
      var f = document.createElement('form');
      f.className = 'hs-form';
      f.setAttribute('data-form-id', o.formId);
      f.innerHTML = '<label>Email <input type="email" name="email"></label> <button type="submit">Submit</button>';
      var at = o.target ? document.querySelector(o.target) : null;
      if (at) at.appendChild(f);
      else if (document.currentScript) document.currentScript.after(f);
      else document.body.appendChild(f);
    },
  };
})();
