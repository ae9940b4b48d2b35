// src/devtools: the DevTools page of the extension. It registers the "GPU Memory" panel (the panel itself
// lives in panels/gpu-memory) and tells the panel's page when DevTools shows or hides it, so that a hidden
// panel stops drawing (panels/gpu-memory/visibility.ts).
import browser from 'webextension-polyfill';
import { PANEL_SHOWN_HOOK } from '../model/model';

type PanelWindow = Window & { [PANEL_SHOWN_HOOK]?: (shown: boolean) => void };

void browser.devtools.panels.create('GPU Memory', '/icons/icon-16.png', '/panels/gpu-memory/index.html').then((panel) => {
  let shownIn: PanelWindow | null = null;
  panel.onShown.addListener((win: Window) => {
    shownIn = win as PanelWindow;
    shownIn[PANEL_SHOWN_HOOK]?.(true);
  });
  panel.onHidden.addListener(() => shownIn?.[PANEL_SHOWN_HOOK]?.(false));
});
