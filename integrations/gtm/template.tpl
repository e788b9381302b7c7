___TERMS_OF_SERVICE___

By creating or modifying this file you agree to Google Tag Manager's Community
Template Gallery Developer Terms of Service available at
https://developers.google.com/tag-manager/gallery-tos (or such other URL as
Google may provide), as modified from time to time.


___INFO___

{
  "type": "TAG",
  "id": "cvt_temp_public_id",
  "version": 1,
  "securityGroups": [],
  "displayName": "Wafer consent (Consent Mode)",
  "categories": ["UTILITY", "PERSONALIZATION"],
  "brand": {
    "id": "brand_dummy",
    "displayName": "Wafer"
  },
  "description": "Sets Google Consent Mode from Wafer, the consent manager loaded first in the page: every type denied until Wafer has decided, then Wafer's state, and every change the visitor makes. Fire it on Consent Initialization - All Pages.",
  "containerContexts": [
    "WEB"
  ]
}


___TEMPLATE_PARAMETERS___

[
  {
    "type": "TEXT",
    "name": "waitForUpdate",
    "displayName": "Wait for update (milliseconds): how long Google's tags wait for Wafer's state before firing with the defaults",
    "simpleValueType": true,
    "defaultValue": 500,
    "valueValidators": [
      {
        "type": "NON_NEGATIVE_NUMBER"
      }
    ]
  }
]


___SANDBOXED_JS_FOR_WEB_TEMPLATE___

// Wafer consent (Consent Mode): defaults on Consent Initialization, then
// Wafer's state (window.wafer.getConsent().consentMode) and every change
// (window.wafer.onChange). Without Wafer on the page every type stays denied.
const setDefaultConsentState = require('setDefaultConsentState');
const updateConsentState = require('updateConsentState');
const callInWindow = require('callInWindow');
const makeInteger = require('makeInteger');
const getType = require('getType');
const logToConsole = require('logToConsole');

const TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage',
  'functionality_storage', 'personalization_storage', 'security_storage'];

// The Consent Mode state of a Wafer consent object: the seven types, each
// 'granted' or 'denied'; null when there is none to read.
function stateOf(consent) {
  if (getType(consent) !== 'object' || getType(consent.consentMode) !== 'object') return null;
  const state = {};
  let found = false;
  for (let i = 0; i < TYPES.length; i++) {
    const value = consent.consentMode[TYPES[i]];
    if (value === 'granted' || value === 'denied') {
      state[TYPES[i]] = value;
      found = true;
    }
  }
  return found ? state : null;
}

const defaults = {};
for (let i = 0; i < TYPES.length; i++) defaults[TYPES[i]] = 'denied';
const wait = makeInteger(data.waitForUpdate);
if (wait > 0) defaults.wait_for_update = wait;
setDefaultConsentState(defaults);

const current = stateOf(callInWindow('wafer.getConsent'));
if (current) updateConsentState(current);
else logToConsole('Wafer consent: no decision yet, Consent Mode stays denied until Wafer decides');

callInWindow('wafer.onChange', function (consent) {
  const state = stateOf(consent);
  if (state) updateConsentState(state);
});

data.gtmOnSuccess();


___WEB_PERMISSIONS___

[
  {
    "instance": {
      "key": {
        "publicId": "access_consent",
        "versionId": "1"
      },
      "param": [
        {
          "key": "consentTypes",
          "value": {
            "type": 2,
            "listItem": [
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "ad_storage"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "ad_user_data"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "ad_personalization"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "analytics_storage"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "functionality_storage"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "personalization_storage"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "consentType"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}], "mapValue": [{"type": 1, "string": "security_storage"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]}
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "access_globals",
        "versionId": "1"
      },
      "param": [
        {
          "key": "keys",
          "value": {
            "type": 2,
            "listItem": [
              {"type": 3, "mapKey": [{"type": 1, "string": "key"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}, {"type": 1, "string": "execute"}], "mapValue": [{"type": 1, "string": "wafer.getConsent"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]},
              {"type": 3, "mapKey": [{"type": 1, "string": "key"}, {"type": 1, "string": "read"}, {"type": 1, "string": "write"}, {"type": 1, "string": "execute"}], "mapValue": [{"type": 1, "string": "wafer.onChange"}, {"type": 8, "boolean": false}, {"type": 8, "boolean": false}, {"type": 8, "boolean": true}]}
            ]
          }
        }
      ]
    },
    "clientAnnotations": {
      "isEditedByUser": true
    },
    "isRequired": true
  },
  {
    "instance": {
      "key": {
        "publicId": "logging",
        "versionId": "1"
      },
      "param": [
        {
          "key": "environments",
          "value": {
            "type": 1,
            "string": "debug"
          }
        }
      ]
    },
    "isRequired": true
  }
]


___TESTS___

scenarios:
- name: Before Wafer decided, every type is denied with wait_for_update
  code: |-
    mock('callInWindow', function (path) { return undefined; });
    runCode({waitForUpdate: 500});
    assertApi('setDefaultConsentState').wasCalledWith({
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
      analytics_storage: 'denied', functionality_storage: 'denied',
      personalization_storage: 'denied', security_storage: 'denied', wait_for_update: 500
    });
    assertApi('updateConsentState').wasNotCalled();
    assertApi('gtmOnSuccess').wasCalled();
- name: A returning visitor's state is sent as an update
  code: |-
    mock('callInWindow', function (path) {
      if (path === 'wafer.getConsent') return {consentMode: {
        ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
        analytics_storage: 'granted', functionality_storage: 'denied',
        personalization_storage: 'denied', security_storage: 'granted'}};
    });
    runCode({waitForUpdate: 500});
    assertApi('updateConsentState').wasCalledWith({
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
      analytics_storage: 'granted', functionality_storage: 'denied',
      personalization_storage: 'denied', security_storage: 'granted'});
- name: A change on the page is followed
  code: |-
    let listener;
    mock('callInWindow', function (path, cb) {
      if (path === 'wafer.onChange') listener = cb;
    });
    runCode({waitForUpdate: 0});
    assertApi('updateConsentState').wasNotCalled();
    listener({consentMode: {ad_storage: 'granted', analytics_storage: 'granted'}});
    assertApi('updateConsentState').wasCalledWith({ad_storage: 'granted', analytics_storage: 'granted'});
- name: Values other than granted or denied are ignored
  code: |-
    mock('callInWindow', function (path) {
      if (path === 'wafer.getConsent') return {consentMode: {ad_storage: 'yes', analytics_storage: 1}};
    });
    runCode({waitForUpdate: 0});
    assertApi('updateConsentState').wasNotCalled();


___NOTES___

Wafer's Tag Manager template (integrations/gtm/README.md). The scenarios
above were written for GTM's template test runner, which exists only in the
Tag Manager UI: they have not been run by Wafer's CI.
