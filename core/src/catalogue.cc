// catalogue.cc — the built-in services (docs/catalogue.md cites the sources).
//
// Lifetimes are the ones the providers declare; where sources disagree the
// shorter, more recent one is used (HubSpot: 6 months). Only first-party
// cookies end up in the compiled policy (the engine can delete those); the
// third-party ones are declared so that the banner can name them. Purposes
// (of services and cookies) are written here in six languages (en, fr, de,
// es, it, nl) and in the other bundled banner languages in
// internal/catalogue_translations.h.
//
// NOTE: HubSpot's __hs_opt_out, __hs_do_not_track and __hs_cookie_cat_pref
// record the visitor's refusal; they are deliberately not declared here, or
// the engine would delete the very cookies that keep HubSpot quiet.

#include "wafer/catalogue.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "internal/catalogue_translations.h"
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

// What each service does, in one plain sentence in en, fr, de, es, it, nl
// (the other banner languages: internal/catalogue_translations.h), shown in
// the preferences next to its cookies.
struct ServicePurpose {
  const char* id;
  const char* text[6];
};

constexpr ServicePurpose kServicePurposes[] = {
    {"google-analytics",
     {"Measures how visitors use the site (pages viewed, time spent) to produce statistics.",
      "Mesure l'utilisation du site par les visiteurs (pages vues, temps passé) pour produire "
      "des statistiques.",
      "Misst, wie Besucher die Website nutzen (aufgerufene Seiten, Verweildauer), um "
      "Statistiken zu erstellen.",
      "Mide cómo usan los visitantes el sitio (páginas vistas, tiempo de permanencia) para "
      "elaborar estadísticas.",
      "Misura come i visitatori usano il sito (pagine viste, tempo trascorso) per produrre "
      "statistiche.",
      "Meet hoe bezoekers de site gebruiken (bekeken pagina's, bezoekduur) om statistieken te "
      "maken."}},
    {"google-tag-manager",
     {"Loads the site's tags (measurement and advertising scripts) as the site has set them up.",
      "Charge les balises du site (scripts de mesure et de publicité) telles que le site les a "
      "configurées.",
      "Lädt die Tags der Website (Mess- und Werbeskripte) so, wie die Website sie eingerichtet "
      "hat.",
      "Carga las etiquetas del sitio (scripts de medición y de publicidad) tal como el sitio las "
      "ha configurado.",
      "Carica i tag del sito (script di misurazione e pubblicitari) come il sito li ha "
      "configurati.",
      "Laadt de tags van de site (meet- en advertentiescripts) zoals de site ze heeft "
      "ingesteld."}},
    {"google-ads",
     {"Measures the results of Google ads (visits, purchases) and can show you ads related to "
      "this site.",
      "Mesure les résultats des publicités Google (visites, achats) et peut vous montrer des "
      "publicités liées à ce site.",
      "Misst die Ergebnisse von Google-Anzeigen (Besuche, Käufe) und kann Ihnen Anzeigen zu "
      "dieser Website zeigen.",
      "Mide los resultados de los anuncios de Google (visitas, compras) y puede mostrarle "
      "anuncios relacionados con este sitio.",
      "Misura i risultati degli annunci Google (visite, acquisti) e può mostrarti annunci legati "
      "a questo sito.",
      "Meet de resultaten van Google-advertenties (bezoeken, aankopen) en kan u advertenties "
      "over deze site tonen."}},
    {"hubspot",
     {"Records your visits and the pages you view, linked to your contact details if you fill "
      "in a form, for marketing.",
      "Enregistre vos visites et les pages consultées, reliées à vos coordonnées si vous "
      "remplissez un formulaire, à des fins de marketing.",
      "Erfasst Ihre Besuche und die aufgerufenen Seiten, verknüpft mit Ihren Kontaktdaten, wenn "
      "Sie ein Formular ausfüllen, für Marketingzwecke.",
      "Registra sus visitas y las páginas que consulta, vinculadas a sus datos de contacto si "
      "rellena un formulario, con fines de marketing.",
      "Registra le tue visite e le pagine che consulti, collegate ai tuoi dati di contatto se "
      "compili un modulo, a fini di marketing.",
      "Registreert uw bezoeken en de pagina's die u bekijkt, gekoppeld aan uw contactgegevens "
      "als u een formulier invult, voor marketing."}},
    {"hubspot-forms",
     {"Shows the site's forms and sends what you enter to the site's HubSpot account.",
      "Affiche les formulaires du site et transmet ce que vous saisissez au compte HubSpot du "
      "site.",
      "Zeigt die Formulare der Website an und übermittelt Ihre Eingaben an das HubSpot-Konto "
      "der Website.",
      "Muestra los formularios del sitio y envía lo que introduce a la cuenta de HubSpot del "
      "sitio.",
      "Mostra i moduli del sito e invia ciò che inserisci all'account HubSpot del sito.",
      "Toont de formulieren van de site en stuurt wat u invult naar het HubSpot-account van de "
      "site."}},
    {"hubspot-chat",
     {"Provides the chat window and keeps your conversation with the site's team.",
      "Fournit la fenêtre de discussion et conserve votre conversation avec l'équipe du site.",
      "Stellt das Chatfenster bereit und speichert Ihr Gespräch mit dem Team der Website.",
      "Proporciona la ventana de chat y conserva su conversación con el equipo del sitio.",
      "Fornisce la finestra di chat e conserva la tua conversazione con il team del sito.",
      "Biedt het chatvenster en bewaart uw gesprek met het team van de site."}},
    {"youtube",
     {"Plays the videos embedded in the site; YouTube records what you watch and may use it "
      "for advertising.",
      "Lit les vidéos intégrées au site ; YouTube enregistre ce que vous regardez et peut s'en "
      "servir pour la publicité.",
      "Spielt die in die Website eingebetteten Videos ab; YouTube erfasst, was Sie ansehen, und "
      "kann es für Werbung nutzen.",
      "Reproduce los vídeos integrados en el sitio; YouTube registra lo que ve y puede usarlo "
      "para publicidad.",
      "Riproduce i video incorporati nel sito; YouTube registra ciò che guardi e può usarlo per "
      "la pubblicità.",
      "Speelt de video's af die in de site zijn ingesloten; YouTube registreert wat u bekijkt "
      "en kan dat voor advertenties gebruiken."}},
    {"facebook-pixel",
     {"Measures the results of Meta (Facebook, Instagram) ads and lets the site show you ads "
      "on Meta's services.",
      "Mesure les résultats des publicités Meta (Facebook, Instagram) et permet au site de vous "
      "montrer des publicités sur les services de Meta.",
      "Misst die Ergebnisse von Meta-Anzeigen (Facebook, Instagram) und ermöglicht der Website, "
      "Ihnen in den Diensten von Meta Anzeigen zu zeigen.",
      "Mide los resultados de los anuncios de Meta (Facebook, Instagram) y permite al sitio "
      "mostrarle anuncios en los servicios de Meta.",
      "Misura i risultati degli annunci Meta (Facebook, Instagram) e consente al sito di "
      "mostrarti annunci sui servizi di Meta.",
      "Meet de resultaten van Meta-advertenties (Facebook, Instagram) en laat de site u "
      "advertenties tonen op de diensten van Meta."}},
    {"facebook-plugins",
     {"Shows Facebook content and buttons (like, share) on the site; Meta learns that you "
      "visited it.",
      "Affiche des contenus et des boutons Facebook (j'aime, partager) sur le site ; Meta "
      "apprend que vous l'avez visité.",
      "Zeigt Facebook-Inhalte und -Schaltflächen (Gefällt mir, Teilen) auf der Website an; Meta "
      "erfährt von Ihrem Besuch.",
      "Muestra contenidos y botones de Facebook (me gusta, compartir) en el sitio; Meta sabe "
      "que lo ha visitado.",
      "Mostra contenuti e pulsanti di Facebook (mi piace, condividi) sul sito; Meta viene a "
      "sapere che lo hai visitato.",
      "Toont Facebook-inhoud en -knoppen (vind ik leuk, delen) op de site; Meta weet dan dat u "
      "de site hebt bezocht."}},
    {"linkedin-insight",
     {"Measures the results of LinkedIn ads and lets the site show you ads on LinkedIn.",
      "Mesure les résultats des publicités LinkedIn et permet au site de vous montrer des "
      "publicités sur LinkedIn.",
      "Misst die Ergebnisse von LinkedIn-Anzeigen und ermöglicht der Website, Ihnen auf "
      "LinkedIn Anzeigen zu zeigen.",
      "Mide los resultados de los anuncios de LinkedIn y permite al sitio mostrarle anuncios en "
      "LinkedIn.",
      "Misura i risultati degli annunci LinkedIn e consente al sito di mostrarti annunci su "
      "LinkedIn.",
      "Meet de resultaten van LinkedIn-advertenties en laat de site u advertenties tonen op "
      "LinkedIn."}},
    {"linkedin-plugins",
     {"Shows LinkedIn content and share buttons on the site; LinkedIn learns that you visited "
      "it.",
      "Affiche des contenus et des boutons de partage LinkedIn sur le site ; LinkedIn apprend "
      "que vous l'avez visité.",
      "Zeigt LinkedIn-Inhalte und Teilen-Schaltflächen auf der Website an; LinkedIn erfährt von "
      "Ihrem Besuch.",
      "Muestra contenidos y botones para compartir de LinkedIn en el sitio; LinkedIn sabe que "
      "lo ha visitado.",
      "Mostra contenuti e pulsanti di condivisione di LinkedIn sul sito; LinkedIn viene a "
      "sapere che lo hai visitato.",
      "Toont LinkedIn-inhoud en deelknoppen op de site; LinkedIn weet dan dat u de site hebt "
      "bezocht."}},
    {"x-widgets",
     {"Shows posts and buttons from X (Twitter) on the site; X learns that you visited it and "
      "may use it for advertising.",
      "Affiche des publications et des boutons de X (Twitter) sur le site ; X apprend que vous "
      "l'avez visité et peut s'en servir pour la publicité.",
      "Zeigt Beiträge und Schaltflächen von X (Twitter) auf der Website an; X erfährt von Ihrem "
      "Besuch und kann ihn für Werbung nutzen.",
      "Muestra publicaciones y botones de X (Twitter) en el sitio; X sabe que lo ha visitado y "
      "puede usarlo para publicidad.",
      "Mostra post e pulsanti di X (Twitter) sul sito; X viene a sapere che lo hai visitato e "
      "può usarlo per la pubblicità.",
      "Toont berichten en knoppen van X (Twitter) op de site; X weet dan dat u de site hebt "
      "bezocht en kan dat voor advertenties gebruiken."}},
};

constexpr const char* kPurposeLanguages[6] = {"en", "fr", "de", "es", "it", "nl"};

LocalizedText Localize(const char* const (&text)[6]) {
  LocalizedText out;
  for (int i = 0; i < 6; ++i) out[kPurposeLanguages[i]] = text[i];
  return out;
}

// `purpose` in en, fr, de, es, it, nl (kPurposeLanguages).
CookieDeclaration Cookie(const char* name, const char* provider, const char* lifetime,
                         bool first_party, const char* const (&purpose)[6]) {
  CookieDeclaration c;
  c.name = name;
  c.provider = provider;
  ParseCookieLifetime(lifetime, &c.lifetime);
  c.first_party = first_party;
  c.purpose = Localize(purpose);
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
      {Cookie(
           "_ga", kGoogle, "2 years", kFirstParty,
           {"Distinguishes visitors.", "Distingue les visiteurs.", "Unterscheidet Besucher.",
            "Distingue a los visitantes.", "Distingue i visitatori.", "Onderscheidt bezoekers."}),
       Cookie("_ga_*", kGoogle, "2 years", kFirstParty,
              {"Keeps the state of the session.", "Conserve l'état de la session.",
               "Speichert den Stand der Sitzung.", "Conserva el estado de la sesión.",
               "Conserva lo stato della sessione.", "Bewaart de status van de sessie."}),
       Cookie(
           "_gid", kGoogle, "24 hours", kFirstParty,
           {"Distinguishes visitors for a day.", "Distingue les visiteurs pendant une journée.",
            "Unterscheidet Besucher für einen Tag.", "Distingue a los visitantes durante un día.",
            "Distingue i visitatori per un giorno.", "Onderscheidt bezoekers gedurende een dag."}),
       Cookie("_gat*", kGoogle, "1 minute", kFirstParty,
              {"Limits the rate of requests.", "Limite la fréquence des requêtes.",
               "Begrenzt die Häufigkeit der Anfragen.", "Limita la frecuencia de las solicitudes.",
               "Limita la frequenza delle richieste.", "Beperkt het aantal verzoeken."}),
       Cookie("_dc_gtm_*", kGoogle, "1 minute", kFirstParty,
              {"Limits the rate of requests (tag loaded by Google Tag Manager).",
               "Limite la fréquence des requêtes (balise chargée par Google Tag Manager).",
               "Begrenzt die Häufigkeit der Anfragen (über Google Tag Manager geladenes Tag).",
               "Limita la frecuencia de las solicitudes (etiqueta cargada por Google Tag Manager).",
               "Limita la frequenza delle richieste (tag caricato da Google Tag Manager).",
               "Beperkt het aantal verzoeken (tag geladen via Google Tag Manager)."})},
      kAnalyticsStorage, 0, kServiceGtag));

  c.push_back(Make("google-tag-manager", "Google Tag Manager", kGoogle, kGooglePrivacy, "analytics",
                   {"www.googletagmanager.com/gtm.js*", "www.googletagmanager.com/ns.html*"}, {}, 0,
                   0, 0));

  c.push_back(Make(
      "google-ads", "Google Ads", kGoogle, kGooglePrivacy, "marketing",
      {"www.googletagmanager.com/gtag/js?id=AW-*", "www.googleadservices.com",
       "googleads.g.doubleclick.net", "*.doubleclick.net", "www.google.com/pagead/*",
       "pagead2.googlesyndication.com"},
      {Cookie("_gcl_au", kGoogle, "90 days", kFirstParty,
              {"Measures ad conversions across the visitor's sessions.",
               "Mesure les conversions publicitaires d'une session à l'autre.",
               "Misst Anzeigen-Conversions über die Sitzungen des Besuchers hinweg.",
               "Mide las conversiones publicitarias a lo largo de las sesiones del visitante.",
               "Misura le conversioni pubblicitarie attraverso le sessioni del visitatore.",
               "Meet advertentieconversies over de sessies van de bezoeker heen."}),
       Cookie("_gcl_aw", kGoogle, "90 days", kFirstParty,
              {"Keeps the Google Ads click that brought the visitor.",
               "Conserve le clic Google Ads qui a amené le visiteur.",
               "Speichert den Google-Ads-Klick, über den der Besucher kam.",
               "Conserva el clic de Google Ads que trajo al visitante.",
               "Conserva il clic di Google Ads che ha portato il visitatore.",
               "Bewaart de Google Ads-klik waarmee de bezoeker kwam."}),
       Cookie("_gcl_dc", kGoogle, "90 days", kFirstParty,
              {"Keeps the Campaign Manager click that brought the visitor.",
               "Conserve le clic Campaign Manager qui a amené le visiteur.",
               "Speichert den Campaign-Manager-Klick, über den der Besucher kam.",
               "Conserva el clic de Campaign Manager que trajo al visitante.",
               "Conserva il clic di Campaign Manager che ha portato il visitatore.",
               "Bewaart de Campaign Manager-klik waarmee de bezoeker kwam."}),
       Cookie("_gcl_*", kGoogle, "90 days", kFirstParty,
              {"Other Google Ads conversion cookies.", "Autres cookies de conversion Google Ads.",
               "Weitere Conversion-Cookies von Google Ads.",
               "Otras cookies de conversión de Google Ads.",
               "Altri cookie di conversione di Google Ads.",
               "Andere conversiecookies van Google Ads."})},
      kAdStorage | kAdUserData | kAdPersonalization, 0, kServiceGtag));

  c.push_back(Make(
      "hubspot", "HubSpot tracking", kHubSpot, kHubSpotPrivacy, "marketing",
      {"js.hs-scripts.com", "*.hs-scripts.com", "*.hs-analytics.net", "track.hubspot.com",
       "*.hs-banner.com", "*.hsadspixel.net", "*.hscollectedforms.net", "*.hsleadflows.net"},
      {Cookie("__hstc", kHubSpot, "6 months", kFirstParty,
              {"Main tracking cookie: visitor identity, visit times and session count.",
               "Cookie de suivi principal : identité du visiteur, dates des visites et nombre de "
               "sessions.",
               "Haupt-Tracking-Cookie: Identität des Besuchers, Zeitpunkte der Besuche und Anzahl "
               "der Sitzungen.",
               "Cookie de seguimiento principal: identidad del visitante, fechas de las visitas y "
               "número de sesiones.",
               "Cookie di tracciamento principale: identità del visitatore, orari delle visite e "
               "numero di sessioni.",
               "Belangrijkste trackingcookie: identiteit van de bezoeker, tijdstippen van de "
               "bezoeken en aantal sessies."}),
       Cookie("hubspotutk", kHubSpot, "6 months", kFirstParty,
              {"Identifies the visitor; sent with form submissions.",
               "Identifie le visiteur ; envoyé avec les formulaires.",
               "Identifiziert den Besucher; wird mit Formularen übermittelt.",
               "Identifica al visitante; se envía con los formularios.",
               "Identifica il visitatore; viene inviato con i moduli.",
               "Identificeert de bezoeker; wordt met formulieren meegestuurd."}),
       Cookie("__hssc", kHubSpot, "30 minutes", kFirstParty,
              {"Tracks the current session.", "Suit la session en cours.",
               "Verfolgt die aktuelle Sitzung.", "Sigue la sesión en curso.",
               "Traccia la sessione in corso.", "Volgt de huidige sessie."}),
       Cookie(
           "__hssrc", kHubSpot, "session", kFirstParty,
           {"Tells whether the browser was restarted.", "Indique si le navigateur a été redémarré.",
            "Erkennt, ob der Browser neu gestartet wurde.",
            "Indica si el navegador se ha reiniciado.", "Indica se il browser è stato riavviato.",
            "Geeft aan of de browser opnieuw is gestart."})},
      0, kHubSpotAnalytics | kHubSpotAdvertisement, kServiceHubSpotTracking));

  c.push_back(Make("hubspot-forms", "HubSpot forms", kHubSpot, kHubSpotPrivacy, "functional",
                   {"js.hsforms.net", "*.hsforms.net", "forms.hsforms.com", "*.hsforms.com"}, {}, 0,
                   kHubSpotFunctionality, 0));

  c.push_back(Make("hubspot-chat", "HubSpot chat", kHubSpot, kHubSpotPrivacy, "functional",
                   {"js.usemessages.com", "*.usemessages.com"},
                   {Cookie("messagesUtk", kHubSpot, "6 months", kFirstParty,
                           {"Recognises the visitor in the chat widget.",
                            "Reconnaît le visiteur dans la fenêtre de discussion.",
                            "Erkennt den Besucher im Chatfenster wieder.",
                            "Reconoce al visitante en la ventana de chat.",
                            "Riconosce il visitatore nella finestra di chat.",
                            "Herkent de bezoeker in het chatvenster."})},
                   0, kHubSpotFunctionality, 0));

  c.push_back(Make(
      "youtube", "YouTube videos", kGoogle, kGooglePrivacy, "marketing",
      {"www.youtube.com/embed/*", "youtube.com/embed/*", "www.youtube.com/iframe_api*",
       "www.youtube-nocookie.com/embed/*"},
      {Cookie("YSC", "YouTube", "session", kThirdParty,
              {"Counts video views and keeps the session.",
               "Compte les vues des vidéos et conserve la session.",
               "Zählt Videoaufrufe und speichert die Sitzung.",
               "Cuenta las reproducciones de vídeos y conserva la sesión.",
               "Conta le visualizzazioni dei video e conserva la sessione.",
               "Telt videoweergaven en bewaart de sessie."}),
       Cookie("VISITOR_INFO1_LIVE", "YouTube", "6 months", kThirdParty,
              {"Estimates bandwidth and tracks the viewer across YouTube embeds.",
               "Estime la bande passante et suit le spectateur d'une vidéo intégrée à l'autre.",
               "Schätzt die Bandbreite und verfolgt den Zuschauer über eingebettete YouTube-Videos "
               "hinweg.",
               "Estima el ancho de banda y sigue al espectador de un vídeo integrado de YouTube a "
               "otro.",
               "Stima la larghezza di banda e segue lo spettatore da un video YouTube incorporato "
               "all'altro.",
               "Schat de bandbreedte en volgt de kijker over ingesloten YouTube-video's heen."})},
      0, 0, 0));

  c.push_back(Make("facebook-pixel", "Meta Pixel", kMeta, kMetaPrivacy, "marketing",
                   {"connect.facebook.net/*/fbevents.js", "connect.facebook.net/signals/*",
                    "www.facebook.com/tr*"},
                   {Cookie("_fbp", kMeta, "3 months", kFirstParty,
                           {"Identifies the browser for Meta advertising.",
                            "Identifie le navigateur pour la publicité Meta.",
                            "Identifiziert den Browser für Werbung von Meta.",
                            "Identifica el navegador para la publicidad de Meta.",
                            "Identifica il browser per la pubblicità di Meta.",
                            "Identificeert de browser voor advertenties van Meta."}),
                    Cookie("_fbc", kMeta, "3 months", kFirstParty,
                           {"Keeps the Meta ad click that brought the visitor.",
                            "Conserve le clic publicitaire Meta qui a amené le visiteur.",
                            "Speichert den Klick auf eine Meta-Anzeige, über den der Besucher kam.",
                            "Conserva el clic en el anuncio de Meta que trajo al visitante.",
                            "Conserva il clic sull'annuncio Meta che ha portato il visitatore.",
                            "Bewaart de klik op een Meta-advertentie waarmee de bezoeker kwam."})},
                   0, 0, 0));

  c.push_back(Make(
      "facebook-plugins", "Facebook social plugins", kMeta, kMetaPrivacy, "marketing",
      {"connect.facebook.net/*/sdk.js*", "www.facebook.com/plugins/*"},
      {Cookie("datr", kMeta, "2 years", kThirdParty,
              {"Identifies the browser, for security and site integrity.",
               "Identifie le navigateur, pour la sécurité et l'intégrité du site.",
               "Identifiziert den Browser, für Sicherheit und Integrität der Website.",
               "Identifica el navegador, por seguridad e integridad del sitio.",
               "Identifica il browser, per la sicurezza e l'integrità del sito.",
               "Identificeert de browser, voor de beveiliging en integriteit van de site."}),
       Cookie("fr", kMeta, "3 months", kThirdParty,
              {"Delivers and measures Meta advertising.", "Diffuse et mesure la publicité Meta.",
               "Liefert und misst Werbung von Meta.", "Muestra y mide la publicidad de Meta.",
               "Mostra e misura la pubblicità di Meta.", "Toont en meet advertenties van Meta."})},
      0, 0, 0));

  c.push_back(Make(
      "linkedin-insight", "LinkedIn Insight Tag", kLinkedIn, kLinkedInPrivacy, "marketing",
      {"snap.licdn.com", "px.ads.linkedin.com", "*.ads.linkedin.com"},
      {Cookie("li_fat_id", kLinkedIn, "30 days", kFirstParty,
              {"Keeps the LinkedIn ad click, to measure conversions.",
               "Conserve le clic publicitaire LinkedIn, pour mesurer les conversions.",
               "Speichert den Klick auf eine LinkedIn-Anzeige, um Conversions zu messen.",
               "Conserva el clic en el anuncio de LinkedIn para medir las conversiones.",
               "Conserva il clic sull'annuncio LinkedIn per misurare le conversioni.",
               "Bewaart de klik op een LinkedIn-advertentie om conversies te meten."}),
       Cookie("bcookie", kLinkedIn, "1 year", kThirdParty,
              {"Identifies the browser on LinkedIn.", "Identifie le navigateur sur LinkedIn.",
               "Identifiziert den Browser bei LinkedIn.", "Identifica el navegador en LinkedIn.",
               "Identifica il browser su LinkedIn.", "Identificeert de browser op LinkedIn."}),
       Cookie("lidc", kLinkedIn, "24 hours", kThirdParty,
              {"Chooses the LinkedIn data centre.", "Choisit le centre de données LinkedIn.",
               "Wählt das Rechenzentrum von LinkedIn.", "Elige el centro de datos de LinkedIn.",
               "Sceglie il data center di LinkedIn.", "Kiest het datacenter van LinkedIn."})},
      0, 0, 0));

  c.push_back(Make(
      "linkedin-plugins", "LinkedIn plugins", kLinkedIn, kLinkedInPrivacy, "marketing",
      {"platform.linkedin.com", "www.linkedin.com/embed/*"},
      {Cookie("bcookie", kLinkedIn, "1 year", kThirdParty,
              {"Identifies the browser on LinkedIn.", "Identifie le navigateur sur LinkedIn.",
               "Identifiziert den Browser bei LinkedIn.", "Identifica el navegador en LinkedIn.",
               "Identifica il browser su LinkedIn.", "Identificeert de browser op LinkedIn."}),
       Cookie("lidc", kLinkedIn, "24 hours", kThirdParty,
              {"Chooses the LinkedIn data centre.", "Choisit le centre de données LinkedIn.",
               "Wählt das Rechenzentrum von LinkedIn.", "Elige el centro de datos de LinkedIn.",
               "Sceglie il data center di LinkedIn.", "Kiest het datacenter van LinkedIn."})},
      0, 0, 0));

  c.push_back(
      Make("x-widgets", "X (Twitter) widgets", "X", "https://x.com/en/privacy", "marketing",
           {"platform.twitter.com", "syndication.twitter.com", "platform.x.com"},
           {Cookie("personalization_id", "X", "2 years", kThirdParty,
                   {"Tracks activity on and off X for personalised ads.",
                    "Suit l'activité sur X et ailleurs pour personnaliser les publicités.",
                    "Verfolgt Aktivitäten auf X und anderswo für personalisierte Werbung.",
                    "Sigue la actividad dentro y fuera de X para personalizar los anuncios.",
                    "Traccia l'attività su X e altrove per personalizzare gli annunci.",
                    "Volgt activiteit op en buiten X voor gepersonaliseerde advertenties."}),
            Cookie("guest_id", "X", "2 years", kThirdParty,
                   {"Identifies a visitor who is not logged in to X.",
                    "Identifie un visiteur non connecté à X.",
                    "Identifiziert einen Besucher, der nicht bei X angemeldet ist.",
                    "Identifica a un visitante que no ha iniciado sesión en X.",
                    "Identifica un visitatore che non ha effettuato l'accesso a X.",
                    "Identificeert een bezoeker die niet bij X is ingelogd."})},
           0, 0, 0));

  // What each is to a visitor (policy.h ServiceKind): `wafer check` warns
  // when one category mixes kinds (docs/catalogue.md "Splitting categories").
  static constexpr std::pair<const char*, ServiceKind> kKinds[] = {
      {"google-analytics", ServiceKind::kAnalytics},
      {"google-tag-manager", ServiceKind::kTagManager},
      {"google-ads", ServiceKind::kAdvertising},
      {"hubspot", ServiceKind::kAdvertising},
      {"hubspot-forms", ServiceKind::kFeature},
      {"hubspot-chat", ServiceKind::kFeature},
      {"youtube", ServiceKind::kEmbed},
      {"facebook-pixel", ServiceKind::kAdvertising},
      {"facebook-plugins", ServiceKind::kEmbed},
      {"linkedin-insight", ServiceKind::kAdvertising},
      {"linkedin-plugins", ServiceKind::kEmbed},
      {"x-widgets", ServiceKind::kEmbed},
  };
  for (Service& service : c) {
    for (const ServicePurpose& p : kServicePurposes) {
      if (service.id == p.id) service.purpose = Localize(p.text);
    }
    // Every bundled banner language (catalogue_test.cc checks that none is missing).
    internal::AddCatalogueTranslations(&service.purpose);
    for (CookieDeclaration& cookie : service.cookies) {
      internal::AddCatalogueTranslations(&cookie.purpose);
    }
    for (const auto& [id, kind] : kKinds) {
      if (service.id == id) service.kind = kind;
    }
  }
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
