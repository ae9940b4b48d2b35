// src/model/rules: the leak rules of docs/leak-rules.md, run on the session store's events, never on the
// page's thread. An alert is a function of the events up to its time (the agent's Tick ops carry time
// forward while the page is idle), so an exported trace yields the same alerts again on import. One file
// per rule, each a single-pass handler (reset / handleEvent / tick / finalize) over one shared AlertBook.
export { AlertBook } from './alert-book';
export { badgeAlerts } from './badge-alerts';
export { LeakRules } from './leak-rules';
export type { LeakRule, PendingAlert, RuleEvent } from './rule';
export { DEFAULT_RULE_SETTINGS, type RuleSettings } from './rule-settings';
export { ruleHelp, type RuleHelp } from './rule-help';
