// consent-mode.js — Google Consent Mode v2 defaults and HubSpot's external-CMP
// switch, set before any Google or HubSpot code can run (REFERENCE §1, §3).

// gtag() as Google's snippet defines it: commands are Arguments objects.
export function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

// cfg.consent_mode: [[default, default with GPC or 0 if the same], …], each
// the complete argument of gtag('consent', 'default', …) rendered by the
// server (core/src/loader_config.cc: every type, wait_for_update, region).
// Without a configuration, the Google types are denied.
export function consentModeDefaults(cfg) {
  const gpc = navigator.globalPrivacyControl == 1, d = 'denied';
  for (const [v, g] of cfg ? cfg.consent_mode : [[{ ad_storage: d, ad_user_data: d, ad_personalization: d, analytics_storage: d }]]) {
    gtag('consent', 'default', gpc && g ? g : v);
  }
  gtag('set', 'ads_data_redaction', true);
  window.disableHubSpotCookieBanner = true;
}
