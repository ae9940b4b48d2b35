// Opens a creation stack's frame in DevTools' Sources panel. Only inside DevTools (as a plain extension
// page there is no chrome.devtools); the URL is the page's and goes nowhere but to DevTools.
import { locationOf } from '../../src/model/model';

interface DevtoolsPanels {
  openResource?: (url: string, line: number, column: number, done?: () => void) => void;
}

/** The file, line and column of a V8 frame line (`at f (https://x/a.js:12:5)`), or null. */
export function frameLocation(frame: string): { url: string; line: number; column: number } | null {
  const m = /^(.*):(\d+):(\d+)$/.exec(locationOf(frame.trim()));
  if (!m || !/^(https?|file|chrome-extension):/.test(m[1]!)) return null;
  return { url: m[1]!, line: Number(m[2]), column: Number(m[3]) };
}

export function canOpenSource(): boolean {
  const panels = (globalThis as { chrome?: { devtools?: { panels?: DevtoolsPanels } } }).chrome?.devtools?.panels;
  return typeof panels?.openResource === 'function';
}

/** Shows the frame's line in Sources; V8 counts lines and columns from 1, DevTools from 0. */
export function openSource(frame: string): boolean {
  const loc = frameLocation(frame);
  const panels = (globalThis as { chrome?: { devtools?: { panels?: DevtoolsPanels } } }).chrome?.devtools?.panels;
  if (!loc || typeof panels?.openResource !== 'function') return false;
  panels.openResource(loc.url, loc.line - 1, loc.column - 1, () => {});
  return true;
}
