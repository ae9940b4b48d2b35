// The panel follows DevTools' theme (chrome.devtools.panels.themeName: "default" or "dark"). Opened as a
// plain extension page (the tests, a trace viewer) it takes ?theme=dark|light, else the system's scheme.
export type Theme = 'light' | 'dark';

export function panelTheme(): Theme {
  const devtools = (globalThis as { chrome?: { devtools?: { panels?: { themeName?: string } } } }).chrome?.devtools?.panels?.themeName;
  if (devtools !== undefined) return devtools === 'dark' ? 'dark' : 'light';
  const asked = new URLSearchParams(location.search).get('theme');
  if (asked === 'dark' || asked === 'light') return asked;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The colours the charts draw with (canvas, so not CSS): text, grid lines. */
export function chartColors(theme: Theme): { text: string; grid: string } {
  return theme === 'dark' ? { text: '#bdc1c6', grid: '#3c4043' } : { text: '#3c4043', grid: '#e8eaed' };
}
