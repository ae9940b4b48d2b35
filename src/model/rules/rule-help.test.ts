import { describe, expect, it } from 'vitest';
import { ruleHelp } from './rule-help';
import { DEFAULT_RULE_SETTINGS } from './rule-settings';

describe('ruleHelp', () => {
  it('states each rule with the thresholds it ran with', () => {
    expect(ruleHelp('outlived-canvas', DEFAULT_RULE_SETTINGS)!.threshold).toBe('The canvas has been gone for 5.0 s and its context holds at least 1.00 KiB (its drawing buffer not counted).');
    expect(ruleHelp('steady-growth', { ...DEFAULT_RULE_SETTINGS, growthSlotMs: 1500 })!.threshold).toBe(
      'The baseline rose in each of 5 slots of 1.5 s, by at least 8 objects in all (or 1.00 MiB for objects that grow in place).',
    );
    expect(ruleHelp('outlived-frame', DEFAULT_RULE_SETTINGS)!.threshold).toMatch(/^Objects unused for 120 animation frames after the one that made them, from at least 3 different frames/);
    for (const rule of ['collected-undeleted', 'release-after-loss']) expect(ruleHelp(rule, DEFAULT_RULE_SETTINGS)!.fix.length).toBeGreaterThan(20);
    expect(ruleHelp('no-such-rule', DEFAULT_RULE_SETTINGS)).toBeNull();
  });
});
