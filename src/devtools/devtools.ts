// src/devtools: the DevTools page of the extension. It only registers the "GPU Memory" panel; the panel
// itself lives in panels/gpu-memory.
import browser from 'webextension-polyfill';

void browser.devtools.panels.create('GPU Memory', '/icons/icon-16.png', '/panels/gpu-memory/index.html');
