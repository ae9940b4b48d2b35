import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, excludePatterns, normalizeSite, parseSettings } from './settings';

describe('normalizeSite', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['*.example.com', '*.example.com'],
    ['https://app.example.com:8443/x?y', 'app.example.com'],
    ['localhost:8080', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['example.com/path', 'example.com'],
    ['', null],
    ['<script>', null],
    ['a b.com', null],
    ['*.*.com', null],
    ['http://', null],
  ])('%j -> %j', (input, host) => {
    expect(normalizeSite(input)).toBe(host);
  });
});

describe('parseSettings', () => {
  it('gives the defaults for anything that is not an object', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('x')).toEqual(DEFAULT_SETTINGS);
  });
  it('keeps valid fields, drops invalid ones and duplicate sites', () => {
    const s = parseSettings({
      stacks: false,
      disabledSites: ['example.com', 'EXAMPLE.com', 'bad host', 7, 'https://maps.example.org/x'],
      ignoreList: ['/src/engine/', '(', 3],
      rules: { canvasGraceMs: 1000, canvasMinBytes: -1, growthSlotMs: 1500.4, growthSlots: 'x', growthMinObjects: 1e9 },
    });
    expect(s).toEqual({
      stacks: false,
      disabledSites: ['example.com', 'maps.example.org'],
      ignoreList: ['/src/engine/'],
      rules: { ...DEFAULT_SETTINGS.rules, canvasGraceMs: 1000, growthSlotMs: 1500 },
    });
  });
  it('does not share the defaults object', () => {
    const s = parseSettings({});
    s.rules.canvasGraceMs = 1;
    s.disabledSites.push('x.com');
    expect(DEFAULT_SETTINGS.rules.canvasGraceMs).toBe(5000);
    expect(DEFAULT_SETTINGS.disabledSites).toEqual([]);
  });
});

describe('excludePatterns', () => {
  it('matches every scheme and port of each host', () => {
    expect(excludePatterns(['example.com', '*.example.org'])).toEqual(['*://example.com/*', '*://*.example.org/*']);
  });
});
