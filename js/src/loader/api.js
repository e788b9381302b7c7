// api.js — window.wafer once the loader runs; drains the calls the stub queued.
// Typed in js/types/wafer.d.ts.

// { id: truthy } → { id: true | false }; anything else → {}.
const serviceChoices = (x) => {
  const out = {};
  if (x && typeof x === 'object') for (const k of Object.keys(x)) out[k] = !!x[k];
  return out;
};

export function createApi(S, L, impl) {
  let ready = false;
  const api = window.wafer || {};
  const run = async (name, args) => {
    switch (name) {
      case 'acceptAll': return impl.choose('accept-all');
      case 'rejectAll': return impl.choose('reject-all');
      case 'setCategories':
        return impl.choose('custom', Array.isArray(args[0]) ? args[0].map(String) : [], serviceChoices(args[1]));
      case 'allowService':
        return impl.choose(args[1] && args[1].once ? 'allow-once' : 'allow', [], { [String(args[0])]: true });
      case 'withdraw': return impl.choose('withdraw');
      case 'optOut': return impl.choose('opt-out');
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
    allowService: call('allowService'),
    withdraw: call('withdraw'),
    optOut: call('optOut'),
    openPreferences: call('openPreferences'),
  });
  window.wafer = api;
  return {
    choose: impl.choose,
    async ready() {
      ready = true;
      for (const [name, args, resolve] of S.queue_.splice(0)) resolve(await run(name, args));
    },
  };
}
