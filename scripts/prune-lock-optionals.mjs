// The npm registry reachable from this project's machines lacks some platform-only optional packages
// (e.g. rollup's Windows/macOS binaries). `npm install` skips them silently, but then `npm ci` refuses the
// lock ("Missing: ... from lock file"). This drops optionalDependencies edges that have no entry in the
// lock, so the lock describes exactly what installs here. Run after `npm install`: node scripts/prune-lock-optionals.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const have = new Set(Object.keys(lock.packages).map((k) => k.replace(/^.*node_modules\//, '')));
let pruned = 0;
for (const entry of Object.values(lock.packages)) {
  const opt = entry.optionalDependencies;
  if (!opt) continue;
  for (const name of Object.keys(opt)) {
    if (!have.has(name)) {
      delete opt[name];
      pruned++;
    }
  }
  if (Object.keys(opt).length === 0) delete entry.optionalDependencies;
}
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`pruned ${pruned} optional dependencies that the registry does not serve`);
