// src/popup: the toolbar button's popup: the current tab's live GPU memory per kind, its active leak
// alerts (what the badge counts) and how to open the GPU Memory panel, which an extension cannot open itself.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { TabSummary } from './tab-summary';
import './popup.css';

/** The tab to describe: the active one, or ?tabId= (the popup opened as a page, as the tests do). */
async function inspectedTab(): Promise<number | null> {
  const given = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(given) && given > 0) return given;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

document.documentElement.dataset.theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
void inspectedTab().then((tabId) => render(<TabSummary tabId={tabId} />, document.getElementById('app')!));
