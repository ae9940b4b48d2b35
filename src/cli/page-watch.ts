// Watches the recorded page's health from outside it, through Playwright: uncaught errors, a crashed
// renderer. Times are this machine's clock (ms); the background rebases them on the recording's start.
import type { Page } from 'playwright-core';
import { addPageError, emptyPageHealth, type PageHealth } from '../model/model';

export interface PageWatch {
  readonly health: PageHealth;
  /** Settles when the renderer crashes. */
  readonly crashed: Promise<void>;
}

export function watchPage(page: Page): PageWatch {
  const health = emptyPageHealth();
  let crash!: () => void;
  const crashed = new Promise<void>((r) => (crash = r));
  page.on('pageerror', (e) => addPageError(health, Date.now(), e.stack || `${e.name}: ${e.message}`));
  page.on('crash', () => {
    health.crashedAt ??= Date.now();
    crash();
  });
  return { health, crashed };
}
