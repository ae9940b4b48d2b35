// `npm ci` installs only what package-lock.json names: a native build tool whose binary for a platform is
// missing from the lock fails to install or to run there. This checks the lock against the platforms npm
// users build on, independently of what the lock's own optional edges claim.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  integrity?: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** Where developers run `npm ci`: macOS, Linux (glibc and musl) and Windows, on x64 and arm64. */
const PLATFORMS = [
  { os: 'darwin', cpu: 'arm64' },
  { os: 'darwin', cpu: 'x64' },
  { os: 'linux', cpu: 'x64', libc: 'glibc' },
  { os: 'linux', cpu: 'arm64', libc: 'glibc' },
  { os: 'linux', cpu: 'x64', libc: 'musl' },
  { os: 'win32', cpu: 'x64' },
  { os: 'win32', cpu: 'arm64' },
];

/** The build's native tools and the prefix of their per-platform packages. */
const NATIVE = [
  { pkg: 'esbuild', prefix: '@esbuild/' },
  { pkg: 'rollup', prefix: '@rollup/rollup-' },
];

function binaries(prefix: string): [string, LockEntry][] {
  return Object.entries(lock.packages).filter(([k]) => k.startsWith(`node_modules/${prefix}`));
}

describe('package-lock.json', () => {
  for (const { pkg, prefix } of NATIVE) {
    const top = lock.packages[`node_modules/${pkg}`];
    it(`names ${pkg}`, () => {
      expect(top?.version).toMatch(/^\d+\.\d+\.\d+$/);
    });
    for (const p of PLATFORMS) {
      it(`holds ${pkg}'s binary for ${p.os} ${p.cpu}${p.libc ? ` ${p.libc}` : ''}`, () => {
        const hit = binaries(prefix).find(
          ([, e]) => e.os?.includes(p.os) && e.cpu?.includes(p.cpu) && (p.libc === undefined || e.libc === undefined || e.libc.includes(p.libc)),
        );
        expect(hit, `no ${prefix}* entry for ${JSON.stringify(p)}`).toBeDefined();
        const [path, entry] = hit!;
        // The binary must match the tool's version (a tool refuses a binary of another version) and be
        // verifiable, and the tool must still list it as an optional dependency so npm installs it.
        expect(entry.version).toBe(top!.version);
        expect(entry.integrity).toMatch(/^sha512-/);
        expect(Object.keys(top!.optionalDependencies ?? {})).toContain(path.replace(/^node_modules\//, ''));
      });
    }
  }
});
