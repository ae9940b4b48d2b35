// The toolbar badge of each tab: its count of active leak alerts (warnings and errors), in the error
// colour when any is an error, with a tooltip naming the worst. Works with DevTools closed.
import browser from 'webextension-polyfill';
import { badgeAlerts, type TraceAlert } from '../model/model';

const ERROR_COLOR = '#d93025';
const WARNING_COLOR = '#e37400';
const TITLE = 'GPU Memory Inspector';

export class Badges {
  /** What each tab's badge shows now, so that an unchanged badge costs no extension API call. */
  private readonly shown = new Map<number, string>();

  update(tabId: number, alerts: Iterable<TraceAlert>): void {
    const { count, error, worst } = badgeAlerts(alerts);
    const text = count === 0 ? '' : count > 999 ? '999+' : String(count);
    const title = worst
      ? `${TITLE}: ${count} leak alert${count === 1 ? '' : 's'}. Worst: ${worst.message}`
      : TITLE;
    const key = `${text}\n${error}\n${title}`;
    if (this.shown.get(tabId) === key) return;
    this.shown.set(tabId, key);
    // A tab closed meanwhile rejects these: nothing to show then.
    void browser.action.setBadgeText({ tabId, text }).catch(() => {});
    void browser.action.setTitle({ tabId, title }).catch(() => {});
    if (text) void browser.action.setBadgeBackgroundColor({ tabId, color: error ? ERROR_COLOR : WARNING_COLOR }).catch(() => {});
  }

  forget(tabId: number): void {
    this.shown.delete(tabId);
  }
}
