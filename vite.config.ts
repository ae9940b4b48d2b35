import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json';

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome119',
    // crxjs finds devtools_page but not the panel page that devtools.ts opens, nor the trace viewer.
    rollupOptions: { input: { panel: 'panels/gpu-memory/index.html', viewer: 'panels/gpu-memory/viewer.html' } },
  },
});
