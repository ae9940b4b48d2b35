// Bundles the page agent (and its stacks-off mark) as IIFEs into dist/src/agent. The agent's bundle runs in
// the page's world, where the page may replace any built-in after the agent installed: every global the
// bundle names (Map, Set, WeakMap, Math, JSON, Reflect, Object's and Number's statics…) is mapped to the
// copy src/agent/pristine.ts captures at install, so that no line of the agent, nor of the model code it
// bundles, reaches the page's replacements.
import { build } from 'esbuild';

const globals = {
  Map: '__gpumemMap',
  Set: '__gpumemSet',
  WeakMap: '__gpumemWeakMap',
  WeakSet: '__gpumemWeakSet',
  WeakRef: '__gpumemWeakRef',
  FinalizationRegistry: '__gpumemFinalizationRegistry',
  Math: '__gpumemMath',
  JSON: '__gpumemJSON',
  Reflect: '__gpumemReflect',
  'Object.prototype.hasOwnProperty': '__gpumemHasOwn',
};
for (const name of ['getOwnPropertyDescriptor', 'getOwnPropertyDescriptors', 'getOwnPropertyNames', 'defineProperty', 'getPrototypeOf',
  'keys', 'values', 'entries', 'fromEntries', 'assign', 'freeze', 'create', 'is']) {
  globals[`Object.${name}`] = `__gpumemObject.${name}`;
}
for (const name of ['isInteger', 'isFinite', 'isNaN', 'isSafeInteger']) globals[`Number.${name}`] = `__gpumemNumber.${name}`;
for (const name of ['isArray', 'from', 'of']) globals[`Array.${name}`] = `__gpumemArray.${name}`;

await build({
  entryPoints: ['src/agent/agent.iife.ts', 'src/agent/stacks-off.iife.ts'],
  bundle: true,
  minify: process.argv.includes('--no-minify') ? false : true,
  format: 'iife',
  target: 'chrome119',
  outdir: process.env.GPUMEM_AGENT_OUT ?? 'dist/src/agent',
  logLevel: 'warning',
  inject: ['src/agent/pristine.ts'],
  define: globals,
});
