// api.js — window.wafer before the loader is ready: every call is queued
// (and its promise settles when the loader runs it); subscriptions work at once.

export const METHODS = ['acceptAll', 'rejectAll', 'setCategories', 'allowService', 'withdraw', 'optOut', 'openPreferences'];

export function queueApi(S) {
  const api = {
    getConsent: () => null,
    onChange(cb) {
      S.listeners_.push(cb);
      return () => (S.listeners_ = S.listeners_.filter((f) => f !== cb));
    },
  };
  for (const m of METHODS) api[m] = (...args) => new Promise((resolve) => S.queue_.push([m, args, resolve]));
  return api;
}
