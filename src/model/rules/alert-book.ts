// The alerts every rule writes into: one per key, updated in place while its condition holds, resolved
// when it ends (and opened again if it comes back), bounded in number with what was refused counted.
import type { Kind } from '../kinds';
import type { AlertSeverity, TraceAlert, TraceObject } from '../trace-types';
import type { RuleSettings } from './rule-settings';

export class AlertBook {
  readonly alerts = new Map<string, TraceAlert>();
  /** Alerts not raised because maxAlerts were held already. */
  droppedAlerts = 0;
  /** Keys of resolved alerts, oldest first: past maxResolved the oldest leave the book. */
  private readonly resolved: string[] = [];
  /** Per-kind counts of the alerts that add objects one by one (tally). */
  private readonly tallies = new Map<string, Map<Kind, number>>();

  constructor(private readonly settings: RuleSettings) {}

  reset(): void {
    this.alerts.clear();
    this.resolved.length = 0;
    this.tallies.clear();
    this.droppedAlerts = 0;
  }

  active(): TraceAlert[] {
    return [...this.alerts.values()].filter((a) => a.resolvedAt === null);
  }

  /** True when `key` would be a new alert past maxAlerts: it is counted in droppedAlerts instead. */
  refuse(key: string): boolean {
    if (this.alerts.has(key) || this.alerts.size < this.settings.maxAlerts) return false;
    this.droppedAlerts++;
    return true;
  }

  /** The alert at `key`, made from `fresh()` when there is none. The caller asked refuse() first. */
  open(key: string, fresh: () => TraceAlert): TraceAlert {
    let a = this.alerts.get(key);
    if (!a) {
      a = fresh();
      this.alerts.set(key, a);
    }
    return a;
  }

  /** Adds one object to an alert that grows object by object; returns it for its message. */
  tally(key: string, o: TraceObject, t: number, rule: TraceAlert['rule'], severity: AlertSeverity, context?: string): TraceAlert {
    let a = this.alerts.get(key);
    if (!a) {
      a = { key, rule, severity, message: '', objects: [], count: 0, bytes: 0, site: o.site ?? '', t, updatedAt: t, resolvedAt: null };
      if (context !== undefined) a.context = context;
      this.alerts.set(key, a);
      this.tallies.set(key, new Map());
    }
    const kinds = this.tallies.get(key)!;
    kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    a.count++;
    a.bytes += o.bytes;
    if (a.objects.length < this.settings.maxAlertObjects) a.objects.push(o.id);
    a.updatedAt = t;
    return a;
  }

  /** The per-kind counts of a tallied alert. */
  kinds(key: string): ReadonlyMap<Kind, number> {
    return this.tallies.get(key) ?? new Map();
  }

  resolve(a: TraceAlert, t: number): void {
    a.resolvedAt = t;
    a.updatedAt = t;
    this.resolved.push(a.key);
    while (this.resolved.length > this.settings.maxResolved) {
      const old = this.resolved.shift()!;
      const o = this.alerts.get(old);
      if (o && o.resolvedAt !== null) this.alerts.delete(old);
    }
  }

  /** An alert whose condition holds again is active again, under the same key. */
  unresolve(a: TraceAlert): void {
    if (a.resolvedAt === null) return;
    a.resolvedAt = null;
    const i = this.resolved.indexOf(a.key);
    if (i >= 0) this.resolved.splice(i, 1);
  }
}
