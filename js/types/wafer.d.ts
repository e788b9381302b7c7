// wafer.d.ts — the public browser API of Wafer: `window.wafer`.
//
// The API exists as soon as the stub has run (first thing in <head>); calls
// made before the engine is ready are queued and their promises settle once
// it has decided. Every answer comes from the engine's decision: the page
// never decides what may run.
//
//   wafer.onChange((c) => console.log(c.categories.analytics));
//   document.addEventListener('wafer:consent', (e) => render(e.detail));
//   await wafer.rejectAll();

export type Regime = 'opt-in' | 'opt-out' | 'notice';
export type Method =
  | 'none' | 'accept-all' | 'reject-all' | 'custom' | 'gpc' | 'closed' | 'withdraw' | 'opt-out'
  /** A placeholder's one-time load: services for this page view, recorded, never stored. */
  | 'once'
  /** Services allowed from a placeholder before any answer to the banner (which still asks). */
  | 'allow';
export type ConsentModeType =
  | 'ad_storage' | 'ad_user_data' | 'ad_personalization' | 'analytics_storage'
  | 'functionality_storage' | 'personalization_storage' | 'security_storage';
export type BannerReason =
  | 'none' | 'first-visit' | 'state-invalid' | 'consent-lapsed' | 'refusal-lapsed'
  | 'revision-changed' | 'regime-changed' | 'notice' | 'policy-invalid';

/** The consent as it stands after the engine's latest decision. */
export interface WaferConsent {
  ready: true;
  /** False when the compiled policy could not be read: everything stays held. */
  policyOk: boolean;
  site: string;
  /** The policy revision the page was served with. */
  revision: number;
  /**
   * The one language of everything the visitor reads and of the receipt (one
   * of the policy's languages), chosen by the engine from the page's
   * `<html lang>` and the browser's languages.
   */
  language: string;
  regime: Regime;
  /** How the stored consent came to be ('none': no choice yet). */
  method: Method;
  /** 32 hex digits; null when nothing is stored. */
  consentId: string | null;
  /** Unix seconds (UTC); null when nothing is stored. */
  givenAt: number | null;
  /** Unix seconds (UTC) when the stored choice lapses; null when nothing is stored. */
  expiresAt: number | null;
  /** Category id → its switch is on. Necessary categories are always true. */
  categories: Record<string, boolean>;
  /**
   * Service id → may run: its own choice, else its category's (and the
   * services loaded once on this page).
   */
  services: Record<string, boolean>;
  /**
   * The Google Consent Mode v2 state Wafer sent with this decision (the
   * `update` pushed to `dataLayer`): every type, `'granted'` or `'denied'`.
   */
  consentMode: Record<ConsentModeType, 'granted' | 'denied'>;
  /** True when Global Privacy Control turned sale/share categories off. */
  gpcHonoured: boolean;
  showBanner: boolean;
  reason: BannerReason;
  /** Cookies the sweep could not delete (set over HTTP with attributes JS cannot match). */
  cookiesRemaining: string[];
  /**
   * Always false: tags that already ran are stopped in place (their cookies,
   * requests and pixels are refused from then on), so no reload is needed.
   */
  reloadRequired: boolean;
}

export interface WaferApi {
  /** The current consent; null until the engine has decided (or if it could not load). */
  getConsent(): WaferConsent | null;
  /** Calls `cb` after every decision (page load and each change). Returns an unsubscribe function. */
  onChange(cb: (consent: WaferConsent) => void): () => void;
  /** Grants every category. Resolves to null when the engine is unavailable (nothing is stored). */
  acceptAll(): Promise<WaferConsent | null>;
  /** Grants the necessary categories only. */
  rejectAll(): Promise<WaferConsent | null>;
  /**
   * Grants exactly these categories (plus the necessary ones) and, with
   * `services`, gives those services a choice of their own (`{youtube: true}`
   * in a refused category, `{"linkedin-insight": false}` in an accepted one).
   * Unknown ids are ignored.
   */
  setCategories(categoryIds: string[], services?: Record<string, boolean>): Promise<WaferConsent | null>;
  /**
   * Allows one service on top of the current choice, as a placeholder's
   * button does: stored ("Always allow …"), or with `{once: true}` for this
   * page view only (recorded in a receipt, not stored).
   */
  allowService(serviceId: string, options?: { once?: boolean }): Promise<WaferConsent | null>;
  /** Withdraws consent: necessary only, the trackers' cookies deleted at once. */
  withdraw(): Promise<WaferConsent | null>;
  /** "Do Not Sell or Share My Personal Information": turns the sale/share categories off. */
  optOut(): Promise<WaferConsent | null>;
  /**
   * Opens the preferences dialog (a control per category, and per service
   * with its cookies), fetching the banner bundle if needed. Any element with
   * `data-wafer-open-preferences` does the same when clicked.
   */
  openPreferences(): Promise<WaferConsent | null>;
}

declare global {
  interface Window {
    wafer: WaferApi;
  }
  // eslint-disable-next-line no-var
  var wafer: WaferApi;
  interface DocumentEventMap {
    /** Fired on `document` after every decision. */
    'wafer:consent': CustomEvent<WaferConsent>;
  }
}
