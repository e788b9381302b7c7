// cookieconsent-config.js — vanilla-cookieconsent 3.1.0 as its "Getting started"
// page sets it up (self-hosted copy of dist/ instead of the jsDelivr CDN URL):
// import the UMD build, then CookieConsent.run() with the site's categories.
import '/cc/cookieconsent.umd.js';

CookieConsent.run({
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: {},
    marketing: {}
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'We use cookies to measure how the site is used (Google Analytics) and for B2B marketing (HubSpot).',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage individual preferences'
        },
        preferencesModal: {
          title: 'Manage cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Accept current selection',
          closeIconLabel: 'Close modal',
          sections: [
            { title: 'Strictly necessary', description: 'Keep the site working and remember your cookie choices. Always on.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'Measure how the site is used (Google Analytics).', linkedCategory: 'analytics' },
            { title: 'Marketing', description: 'B2B marketing and advertising on this site and others (HubSpot).', linkedCategory: 'marketing' }
          ]
        }
      }
    }
  }
});
