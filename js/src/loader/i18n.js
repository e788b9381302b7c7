// i18n.js — the plain banner's strings (en, fr). The full banner (issue 4)
// brings the other languages and lets the policy override any string.

const STRINGS = {
  en: {
    title: 'Your privacy choices',
    text: 'We use cookies and similar technologies for the purposes below. Nothing but what is strictly necessary runs until you choose. You can change your mind at any time.',
    optOutText: 'We and our partners use cookies, including for targeted advertising, which may be a "sale" or "share" under US state laws. You can opt out at any time.',
    gpc: 'Your Global Privacy Control signal was honoured: we do not sell or share your personal information.',
    unavailable: 'Our consent service could not load: optional cookies stay off.',
    policy: 'Privacy policy',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    customise: 'Customise',
    save: 'Save my choices',
    optOut: 'Do Not Sell or Share My Personal Information',
    alwaysOn: 'always on',
    blocked: (service, category) => `${service} is off: it needs your consent to "${category}".`,
    load: (service) => `Load ${service}`,
  },
  fr: {
    title: 'Vos choix de confidentialité',
    text: 'Nous utilisons des cookies et technologies similaires pour les finalités ci-dessous. Seuls les cookies strictement nécessaires sont utilisés tant que vous n\u2019avez pas choisi. Vous pouvez changer d\u2019avis à tout moment, gratuitement.',
    optOutText: 'Nos partenaires et nous utilisons des cookies, y compris pour la publicité ciblée. Vous pouvez vous y opposer à tout moment.',
    gpc: 'Votre signal Global Privacy Control a été respecté : nous ne vendons ni ne partageons vos données personnelles.',
    unavailable: 'Notre service de consentement n\u2019a pas pu se charger : les cookies facultatifs restent désactivés.',
    policy: 'Politique de confidentialité',
    acceptAll: 'Tout accepter',
    rejectAll: 'Tout refuser',
    customise: 'Personnaliser',
    save: 'Enregistrer mes choix',
    optOut: 'Ne pas vendre ni partager mes informations personnelles',
    alwaysOn: 'toujours actif',
    blocked: (service, category) => `${service} est désactivé : il nécessite votre consentement à « ${category} ».`,
    load: (service) => `Charger ${service}`,
  },
};

// The strings for `lang` ("fr", "fr-FR"), English otherwise.
export const strings = (lang) => STRINGS[String(lang || '').slice(0, 2).toLowerCase()] || STRINGS.en;

// A policy text ({lang: text}) in `lang`, else its first language.
export const label = (texts, lang) => (texts ? texts[lang] || Object.values(texts)[0] || '' : '');
