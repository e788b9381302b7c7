// usage.ts — compiles only if wafer.d.ts describes the documented use
// (`npx tsc -p js/types`).
import type { WaferConsent } from './wafer';

const off: () => void = window.wafer.onChange((c: WaferConsent) => {
  const analytics: boolean = c.categories['analytics'];
  void analytics;
});
off();
document.addEventListener('wafer:consent', (e) => {
  const method: string = e.detail.method;
  void method;
});
async function choose(): Promise<void> {
  const c = await wafer.setCategories(['analytics']);
  if (c && c.categories['analytics']) await wafer.withdraw();
}
void choose();
async function perService(): Promise<void> {
  const c = await wafer.setCategories(['analytics'], { youtube: true, 'linkedin-insight': false });
  if (c && c.services['youtube'] && c.language) await wafer.allowService('hubspot-forms', { once: true });
  await wafer.allowService('youtube');
}
void perService();
