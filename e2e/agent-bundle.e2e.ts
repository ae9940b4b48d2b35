// The page agent's bundle size budget. The agent is injected at document_start into every frame of every
// page, before the page's first script: its parse and compile time is paid by each frame's load, so its
// size is held to a budget with about 10 % of headroom, and growing it past that is a decision to make.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from './helpers';

/** Minified bytes of dist/src/agent/agent.iife.js (66.3 KiB when the budget was set). */
const AGENT_BUDGET_BYTES = 72 * 1024;

describe('the page agent bundle', () => {
  it(`is minified and within its budget of ${AGENT_BUDGET_BYTES / 1024} KiB`, () => {
    const text = readFileSync(resolve(DIST, 'src/agent/agent.iife.js'), 'utf8');
    // Minified: no line of the bundle's first 4 KiB breaks where unminified output would.
    expect(text.slice(0, 4096).split('\n').length).toBeLessThan(3);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(AGENT_BUDGET_BYTES);
  });
});
