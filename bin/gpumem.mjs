#!/usr/bin/env node
// Launcher for the `gpumem` command: runs the bundled CLI, which `npm run build` (and `npm ci`) produce.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist-cli', 'gpumem.mjs');
if (!existsSync(cli)) {
  console.error('gpumem: not built yet. Run `npm run build` in the gpu-memory-inspector checkout.');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
