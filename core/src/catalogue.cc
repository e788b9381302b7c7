// catalogue.cc — the built-in services (docs/catalogue.md cites the sources).
//
// Lifetimes are the ones the providers declare; where sources disagree the
// shorter, more recent one is used (HubSpot: 6 months). Only first-party
// cookies end up in the compiled policy (the engine can delete those); the
// third-party ones are declared so that the banner can name them.
//
// NOTE: HubSpot's __hs_opt_out, __hs_do_not_track and __hs_cookie_cat_pref
// record the visitor's refusal; they are deliberately not declared here, or
// the engine would delete the very cookies that keep HubSpot quiet.

#include "wafer/catalogue.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wafer/policy.h"
#include "wafer/types.h"

namespace wafer {
namespace {

constexpr char kGoogle[] = "Google";
constexpr char kGooglePrivacy[] = "https://policies.google.com/privacy";
constexpr char kHubSpot[] = "HubSpot";
constexpr char kHubSpotPrivacy[] = "https://legal.hubspot.com/privacy-policy";
constexpr char kMeta[] = "Meta";
constexpr char kMetaPrivacy[] = "https://www.facebook.com/privacy/policy/";
constexpr char kLinkedIn[] = "LinkedIn";
constexpr char kLinkedInPrivacy[] = "https://www.linkedin.com/legal/privacy-policy";

constexpr bool kFirstParty = true;
constexpr bool kThirdParty = false;

CookieDeclaration Cookie(const char* name, const char* provider, const char* lifetime,
                         bool first_party, const char* en, const char* fr) {
  CookieDeclaration c;
  c.name = name;
  c.provider = provider;
  ParseCookieLifetime(lifetime, &c.lifetime);
  c.first_party = first_party;
  c.purpose["en"] = en;
  c.purpose["fr"] = fr;
  return c;
}

Service Make(const char* id, const char* name, const char* provider, const char* privacy_url,
             const char* category, std::vector<std::string> urls,
             std::vector<CookieDeclaration> cookies, uint8_t consent_mode, uint8_t hubspot,
             uint8_t flags) {
  Service s;
  s.id = id;
  s.name = name;
  s.provider = provider;
  s.privacy_url = privacy_url;
  s.category = category;
  s.urls = std::move(urls);
  s.cookies = std::move(cookies);
  s.consent_mode = consent_mode;
  s.hubspot = hubspot;
  s.flags = flags;
  s.from_catalogue = true;
  return s;
}

std::vector<Service> Build() {
  std::vector<Service> c;

  c.push_back(Make(
      "google-analytics", "Google Analytics 4", kGoogle, kGooglePrivacy, "analytics",
      {"www.googletagmanager.com/gtag/js?id=G-*", "*.google-analytics.com",
       "*.analytics.google.com"},
      {Cookie("_ga", kGoogle, "2 years", kFirstParty, "Distinguishes visitors.",
              "Distingue les visiteurs."),
       Cookie("_ga_*", kGoogle, "2 years", kFirstParty, "Keeps the state of the session.",
              "Conserve l'état de la session."),
       Cookie("_gid", kGoogle, "24 hours", kFirstParty, "Distinguishes visitors for a day.",
              "Distingue les visiteurs pendant une journée."),
       Cookie("_gat*", kGoogle, "1 minute", kFirstParty, "Limits the rate of requests.",
              "Limite la fréquence des requêtes."),
       Cookie("_dc_gtm_*", kGoogle, "1 minute", kFirstParty,
              "Limits the rate of requests (tag loaded by Google Tag Manager).",
              "Limite la fréquence des requêtes (balise chargée par Google Tag Manager).")},
      kAnalyticsStorage, 0, kServiceGtag));

  c.push_back(Make("google-tag-manager", "Google Tag Manager", kGoogle, kGooglePrivacy,
                   "analytics",
                   {"www.googletagmanager.com/gtm.js*", "www.googletagmanager.com/ns.html*"}, {},
                   0, 0, 0));

  c.push_back(Make(
      "google-ads", "Google Ads", kGoogle, kGooglePrivacy, "marketing",
      {"www.googletagmanager.com/gtag/js?id=AW-*", "www.googleadservices.com",
       "googleads.g.doubleclick.net", "*.doubleclick.net", "www.google.com/pagead/*",
       "pagead2.googlesyndication.com"},
      {Cookie("_gcl_au", kGoogle, "90 days", kFirstParty,
              "Measures ad conversions across the visitor's sessions.",
              "Mesure les conversions publicitaires d'une session à l'autre."),
       Cookie("_gcl_aw", kGoogle, "90 days", kFirstParty,
              "Keeps the Google Ads click that brought the visitor.",
              "Conserve le clic Google Ads qui a amené le visiteur."),
       Cookie("_gcl_dc", kGoogle, "90 days", kFirstParty,
              "Keeps the Campaign Manager click that brought the visitor.",
              "Conserve le clic Campaign Manager qui a amené le visiteur."),
       Cookie("_gcl_*", kGoogle, "90 days", kFirstParty, "Other Google Ads conversion cookies.",
              "Autres cookies de conversion Google Ads.")},
      kAdStorage | kAdUserData | kAdPersonalization, 0, kServiceGtag));

  c.push_back(Make(
      "hubspot", "HubSpot tracking", kHubSpot, kHubSpotPrivacy, "marketing",
      {"js.hs-scripts.com", "*.hs-scripts.com", "*.hs-analytics.net", "track.hubspot.com",
       "*.hs-banner.com", "*.hsadspixel.net", "*.hscollectedforms.net", "*.hsleadflows.net"},
      {Cookie("__hstc", kHubSpot, "6 months", kFirstParty,
              "Main tracking cookie: visitor identity, visit times and session count.",
              "Cookie de suivi principal : identité du visiteur, dates des visites et nombre de "
              "sessions."),
       Cookie("hubspotutk", kHubSpot, "6 months", kFirstParty,
              "Identifies the visitor; sent with form submissions.",
              "Identifie le visiteur ; envoyé avec les formulaires."),
       Cookie("__hssc", kHubSpot, "30 minutes", kFirstParty, "Tracks the current session.",
              "Suit la session en cours."),
       Cookie("__hssrc", kHubSpot, "session", kFirstParty,
              "Tells whether the browser was restarted.",
              "Indique si le navigateur a été redémarré.")},
      0, kHubSpotAnalytics | kHubSpotAdvertisement, kServiceHubSpotTracking));

  c.push_back(Make("hubspot-forms", "HubSpot forms", kHubSpot, kHubSpotPrivacy, "functional",
                   {"js.hsforms.net", "*.hsforms.net", "forms.hsforms.com", "*.hsforms.com"}, {},
                   0, kHubSpotFunctionality, 0));

  c.push_back(Make("hubspot-chat", "HubSpot chat", kHubSpot, kHubSpotPrivacy, "functional",
                   {"js.usemessages.com", "*.usemessages.com"},
                   {Cookie("messagesUtk", kHubSpot, "6 months", kFirstParty,
                           "Recognises the visitor in the chat widget.",
                           "Reconnaît le visiteur dans la fenêtre de discussion.")},
                   0, kHubSpotFunctionality, 0));

  c.push_back(Make(
      "youtube", "YouTube videos", kGoogle, kGooglePrivacy, "marketing",
      {"www.youtube.com/embed/*", "youtube.com/embed/*", "www.youtube.com/iframe_api*",
       "www.youtube-nocookie.com/embed/*"},
      {Cookie("YSC", "YouTube", "session", kThirdParty,
              "Counts video views and keeps the session.",
              "Compte les vues des vidéos et conserve la session."),
       Cookie("VISITOR_INFO1_LIVE", "YouTube", "6 months", kThirdParty,
              "Estimates bandwidth and tracks the viewer across YouTube embeds.",
              "Estime la bande passante et suit le spectateur d'une vidéo intégrée à l'autre.")},
      0, 0, 0));

  c.push_back(Make("facebook-pixel", "Meta Pixel", kMeta, kMetaPrivacy, "marketing",
                   {"connect.facebook.net/*/fbevents.js", "connect.facebook.net/signals/*",
                    "www.facebook.com/tr*"},
                   {Cookie("_fbp", kMeta, "3 months", kFirstParty,
                           "Identifies the browser for Meta advertising.",
                           "Identifie le navigateur pour la publicité Meta."),
                    Cookie("_fbc", kMeta, "3 months", kFirstParty,
                           "Keeps the Meta ad click that brought the visitor.",
                           "Conserve le clic publicitaire Meta qui a amené le visiteur.")},
                   0, 0, 0));

  c.push_back(Make("facebook-plugins", "Facebook social plugins", kMeta, kMetaPrivacy,
                   "marketing",
                   {"connect.facebook.net/*/sdk.js*", "www.facebook.com/plugins/*"},
                   {Cookie("datr", kMeta, "2 years", kThirdParty,
                           "Identifies the browser, for security and site integrity.",
                           "Identifie le navigateur, pour la sécurité et l'intégrité du site."),
                    Cookie("fr", kMeta, "3 months", kThirdParty,
                           "Delivers and measures Meta advertising.",
                           "Diffuse et mesure la publicité Meta.")},
                   0, 0, 0));

  c.push_back(Make("linkedin-insight", "LinkedIn Insight Tag", kLinkedIn, kLinkedInPrivacy,
                   "marketing", {"snap.licdn.com", "px.ads.linkedin.com", "*.ads.linkedin.com"},
                   {Cookie("li_fat_id", kLinkedIn, "30 days", kFirstParty,
                           "Keeps the LinkedIn ad click, to measure conversions.",
                           "Conserve le clic publicitaire LinkedIn, pour mesurer les conversions."),
                    Cookie("bcookie", kLinkedIn, "1 year", kThirdParty,
                           "Identifies the browser on LinkedIn.",
                           "Identifie le navigateur sur LinkedIn."),
                    Cookie("lidc", kLinkedIn, "24 hours", kThirdParty,
                           "Chooses the LinkedIn data centre.",
                           "Choisit le centre de données LinkedIn.")},
                   0, 0, 0));

  c.push_back(Make("linkedin-plugins", "LinkedIn plugins", kLinkedIn, kLinkedInPrivacy,
                   "marketing", {"platform.linkedin.com", "www.linkedin.com/embed/*"},
                   {Cookie("bcookie", kLinkedIn, "1 year", kThirdParty,
                           "Identifies the browser on LinkedIn.",
                           "Identifie le navigateur sur LinkedIn."),
                    Cookie("lidc", kLinkedIn, "24 hours", kThirdParty,
                           "Chooses the LinkedIn data centre.",
                           "Choisit le centre de données LinkedIn.")},
                   0, 0, 0));

  c.push_back(Make("x-widgets", "X (Twitter) widgets", "X", "https://x.com/en/privacy",
                   "marketing",
                   {"platform.twitter.com", "syndication.twitter.com", "platform.x.com"},
                   {Cookie("personalization_id", "X", "2 years", kThirdParty,
                           "Tracks activity on and off X for personalised ads.",
                           "Suit l'activité sur X et ailleurs pour personnaliser les publicités."),
                    Cookie("guest_id", "X", "2 years", kThirdParty,
                           "Identifies a visitor who is not logged in to X.",
                           "Identifie un visiteur non connecté à X.")},
                   0, 0, 0));

  return c;
}

}  // namespace

const std::vector<Service>& Catalogue() {
  static const std::vector<Service>* const catalogue = new std::vector<Service>(Build());
  return *catalogue;
}

const Service* FindCatalogueService(std::string_view id) {
  for (const Service& s : Catalogue()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

}  // namespace wafer
