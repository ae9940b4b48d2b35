// The trace viewer: the GPU Memory panel with no inspected tab, over the trace files the user opens (from
// the popup, the options page, or `gpumem view`).
import { render } from 'preact';
import { App } from './app';
import './panel.css';
import { panelTheme } from './theme';

document.documentElement.dataset.theme = panelTheme();
render(<App tabId={null} />, document.getElementById('app')!);
