// api.js — window.wafer once the loader runs; drains the calls the stub queued.
// Typed in js/types/wafer.d.ts.

export function createApi(S, L, impl) {
  let ready = false;
  const api = window.wafer || {};
  const run = async (name, args) => {
    switch (name) {
      case 'acceptAll': return impl.choose('accept-all', []);
      case 'rejectAll': return impl.choose('reject-all', []);
      case 'setCategories': return impl.choose('custom', Array.isArray(args[0]) ? args[0].map(String) : []);
      case 'withdraw': return impl.choose('withdraw', []);
      case 'optOut': return impl.choose('opt-out', []);
      case 'openPreferences': await impl.preferences(); return L.summary;
    }
    return null;
  };
  const call = (name) => (...args) =>
    ready ? run(name, args) : new Promise((resolve) => S.queue_.push([name, args, resolve]));
  Object.assign(api, {
    getConsent: () => L.summary,
    onChange(cb) {
      S.listeners_.push(cb);
      return () => (S.listeners_ = S.listeners_.filter((f) => f !== cb));
    },
    acceptAll: call('acceptAll'),
    rejectAll: call('rejectAll'),
    setCategories: call('setCategories'),
    withdraw: call('withdraw'),
    optOut: call('optOut'),
    openPreferences: call('openPreferences'),
  });
  window.wafer = api;
  return {
    choose: impl.choose,
    // A click on a placeholder: allow that category on top of the current ones.
    loadCategory(id) {
      const s = L.summary;
      const granted = s ? Object.keys(s.categories).filter((c) => s.categories[c]) : [];
      return impl.choose('custom', [...granted, id]);
    },
    async ready() {
      ready = true;
      for (const [name, args, resolve] of S.queue_.splice(0)) resolve(await run(name, args));
    },
  };
}
