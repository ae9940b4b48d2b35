// The user's settings (options page): stack capture, sites where the extension stays off, patterns of
// library code for creation sites, and the leak rules' thresholds. Read back from extension storage through parseSettings, which keeps what is valid.
import { parseIgnoreList } from './ignore-list';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './rules/rules';

/** The thresholds a user may change, each with its bounds. */
export const RULE_FIELDS = {
  canvasGraceMs: { min: 0, max: 600_000 },
  canvasMinBytes: { min: 0, max: 2 ** 40 },
  growthSlotMs: { min: 100, max: 600_000 },
  growthSlots: { min: 2, max: 100 },
  growthMinObjects: { min: 1, max: 1_000_000 },
  growthMinBytes: { min: 1, max: 2 ** 40 },
  frameGrace: { min: 1, max: 100_000 },
  frameMinFrames: { min: 1, max: 100_000 },
} as const;

export type UserRules = Pick<RuleSettings, keyof typeof RULE_FIELDS>;

export interface Settings {
  /** Capture a creation stack for each object. */
  stacks: boolean;
  /** Hosts where no hook is installed at all (`example.com`, `*.example.com`). */
  disabledSites: string[];
  /** Patterns (regular expressions over a script's URL) of the user's library code, beside the defaults. */
  ignoreList: string[];
  rules: UserRules;
}

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS: Settings = {
  stacks: true,
  disabledSites: [],
  ignoreList: [],
  rules: {
    canvasGraceMs: DEFAULT_RULE_SETTINGS.canvasGraceMs,
    canvasMinBytes: DEFAULT_RULE_SETTINGS.canvasMinBytes,
    growthSlotMs: DEFAULT_RULE_SETTINGS.growthSlotMs,
    growthSlots: DEFAULT_RULE_SETTINGS.growthSlots,
    growthMinObjects: DEFAULT_RULE_SETTINGS.growthMinObjects,
    growthMinBytes: DEFAULT_RULE_SETTINGS.growthMinBytes,
    frameGrace: DEFAULT_RULE_SETTINGS.frameGrace,
    frameMinFrames: DEFAULT_RULE_SETTINGS.frameMinFrames,
  },
};

const MAX_SITES = 500;
const HOST_RE = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/;

/**
 * The host a user means by one line of the site list: `example.com`, `*.example.com`, a URL
 * (`https://example.com:8080/app` -> `example.com`), or null when it names no host.
 */
export function normalizeSite(input: string): string | null {
  let s = input.trim().toLowerCase();
  if (!s) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(s)) {
    try {
      s = new URL(s).hostname;
    } catch {
      return null;
    }
  } else {
    s = s.replace(/\/.*$/, '').replace(/:\d+$/, '');
  }
  return HOST_RE.test(s) ? s : null;
}

/** Match patterns that exclude the sites, for the agent's content-script registration (any port). */
export function excludePatterns(sites: readonly string[]): string[] {
  return sites.map((h) => `*://${h}/*`);
}

/** Settings from storage (or anywhere): keeps each valid field, falls back to the default for the rest. */
export function parseSettings(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, rules: { ...DEFAULT_SETTINGS.rules }, disabledSites: [], ignoreList: [] };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.stacks === 'boolean') out.stacks = r.stacks;
  if (Array.isArray(r.disabledSites)) {
    const seen = new Set<string>();
    for (const x of r.disabledSites.slice(0, MAX_SITES)) {
      const h = typeof x === 'string' ? normalizeSite(x) : null;
      if (h && !seen.has(h)) {
        seen.add(h);
        out.disabledSites.push(h);
      }
    }
  }
  out.ignoreList = parseIgnoreList(r.ignoreList).patterns;
  if (typeof r.rules === 'object' && r.rules !== null) {
    const rules = r.rules as Record<string, unknown>;
    for (const [k, { min, max }] of Object.entries(RULE_FIELDS) as [keyof UserRules, { min: number; max: number }][]) {
      const v = rules[k];
      if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) out.rules[k] = Math.round(v);
    }
  }
  return out;
}
