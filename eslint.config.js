// Lint, and the layer rule of docs/architecture.md: only src/model is shared between the worlds.
import tseslint from 'typescript-eslint';

const layers = ['agent', 'relay', 'background', 'devtools', 'cli', 'options', 'panels'];

/** Files in `own` may import src/model and their own folder, never another layer. */
function layerRule(own, files) {
  const others = layers.filter((l) => l !== own);
  const patterns = [
    {
      group: others.flatMap((l) => (l === 'panels' ? ['**/panels/**'] : [`**/src/${l}/**`, `../${l}/**`, `../../src/${l}/**`])),
      message: 'Layers share only src/model (see docs/architecture.md).',
    },
    {
      // trace-read.ts is the second entry: it carries the schema checker, which only readers of trace files
      // (the panel, the viewer, the CLI) should bundle.
      group: ['**/model/*', '!**/model/model', '!**/model/trace-read'],
      message: 'Import src/model through its entry files, src/model/model.ts (or trace-read.ts to read trace files).',
    },
  ];
  if (own === 'agent') {
    patterns.push({ group: ['webextension-polyfill'], message: 'The page world has no extension APIs.' });
  }
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'e2e/artifacts/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Hooks forward `arguments` through apply: the native sees the exact argument count, and no array is
    // allocated per call on the page's hot path.
    files: ['src/agent/**'],
    rules: { 'prefer-rest-params': 'off' },
  },
  ...layers.map((l) => layerRule(l, l === 'panels' ? ['panels/**'] : [`src/${l}/**`])),
  ...[
    // src/model's own files, and its subfolders' (which may reach the rest of src/model through `../`).
    { files: ['src/model/*'], outside: ['../*', '!../model', './rules/*', '!./rules/rules'] },
    { files: ['src/model/*/**'], outside: ['../../*'] },
  ].map(({ files, outside }) => ({
    files,
    // Tests beside the code may read fixtures and schemas from disk.
    ignores: ['src/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...outside, 'webextension-polyfill', 'preact*', 'uplot', 'node:*', 'playwright-core'], message: 'src/model is pure and imports nobody.' },
          ],
        },
      ],
    },
  })),
);
