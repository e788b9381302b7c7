// index.d.ts — the ESM API of the npm package `wafer-consent` (js/npm/index.js):
// thin wrappers over `window.wafer` (wafer.d.ts, the one set of types; the
// package ships both files as they are).
//
// Where there is no `window` (server-side rendering) or no Wafer stub on the
// page: getConsent() returns null, onConsent() never calls back and returns a
// no-op, and every action resolves to null (nothing granted, nothing stored).

import type { WaferApi, WaferConsent } from './wafer.js';

export type { BannerReason, Method, Regime, WaferApi, WaferConsent } from './wafer.js';

/** The consent after the engine's latest decision; null before it, during SSR or without Wafer. */
export declare function getConsent(): WaferConsent | null;
/**
 * Calls `cb` with the current consent if the engine has decided already (in a
 * microtask, never during the call), then after every decision. Returns the
 * function that stops it (a no-op during SSR).
 */
export declare function onConsent(cb: (consent: WaferConsent) => void): () => void;
export declare const acceptAll: WaferApi['acceptAll'];
export declare const rejectAll: WaferApi['rejectAll'];
export declare const setCategories: WaferApi['setCategories'];
export declare const allowService: WaferApi['allowService'];
export declare const withdraw: WaferApi['withdraw'];
export declare const optOut: WaferApi['optOut'];
export declare const openPreferences: WaferApi['openPreferences'];
