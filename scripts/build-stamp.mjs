// Keeps `npm start` from building again what `npm ci` (through `prepare`) has just built: a build records a
// hash of its inputs in dist/, and `--build-if-stale` builds only when the inputs' hash differs from it.
// Usage: node scripts/build-stamp.mjs --write | --build-if-stale
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'dist', '.build-inputs');
/** What the extension and CLI bundles are made from; tests are not. */
const INPUTS = ['src', 'panels', 'manifest.json', 'vite.config.ts', 'scripts/build-agent.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputsHash() {
  const h = createHash('sha256');
  for (const f of INPUTS.flatMap(files)) {
    if (/\.test\.tsx?$/.test(f)) continue;
    h.update(relative(root, join(root, f)).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

const mode = process.argv[2];
if (mode === '--write') {
  writeFileSync(STAMP, inputsHash() + '\n');
} else if (mode === '--build-if-stale') {
  const built = existsSync(STAMP) && existsSync(join(root, 'dist-cli', 'gpumem.mjs')) ? readFileSync(STAMP, 'utf8').trim() : '';
  if (built === inputsHash()) {
    console.log('build is up to date with the sources');
  } else {
    const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    process.exit(r.status ?? 1);
  }
} else {
  console.error('usage: node scripts/build-stamp.mjs --write | --build-if-stale');
  process.exit(2);
}
