// panels/gpu-memory: the "GPU Memory" DevTools panel (Preact + uPlot), a client of the background, and the
// trace viewer (viewer.tsx: the same views over trace files, with no tab). The panel also runs as a plain
// extension page with ?tabId=N, which is how the tests open it.
import { render } from 'preact';
import { App } from './app';
import './panel.css';
import { panelTheme } from './theme';

// Before the first paint, so the panel never flashes the other theme.
document.documentElement.dataset.theme = panelTheme();

const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
// chrome.devtools exists only inside DevTools; a plain extension page takes the tab from the query.
const tabId = globalThis.chrome?.devtools?.inspectedWindow?.tabId ?? fromQuery;
const root = document.getElementById('app')!;
if (Number.isInteger(tabId) && tabId >= 0) render(<App tabId={tabId} />, root);
else root.textContent = 'No tab to inspect: open this panel from DevTools, or pass ?tabId=N.';
