// esm-usage.ts — compiles only if index.d.ts describes the package's
// documented use (`npx tsc -p js/types`).
import {
  acceptAll, allowService, getConsent, onConsent, openPreferences, optOut, rejectAll, setCategories, withdraw,
} from './index';
import type { WaferConsent } from './index';

const stop: () => void = onConsent((c: WaferConsent) => {
  const analytics: boolean = c.categories['analytics'];
  void analytics;
});
stop();
const now: WaferConsent | null = getConsent();
void now;
async function esmChoose(): Promise<void> {
  const a = await acceptAll();
  if (a && a.services['google-analytics']) await withdraw();
  await rejectAll();
  await setCategories(['analytics'], { youtube: true });
  await allowService('hubspot-forms', { once: true });
  await optOut();
  const p: WaferConsent | null = await openPreferences();
  void p;
}
void esmChoose();
