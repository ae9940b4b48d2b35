// Plain-text summary of a trace, as the CLI prints it. Every string the page chose (its URL, canvas ids and
// creation sites inside alert messages) goes through terminalSafe: a terminal must not obey the page.
import { formatBytes } from './format-bytes';
import { lossLines } from './losses';
import { pageHealthLines } from './page-health';
import { terminalSafe } from './page-text';
import type { TraceDigest } from './trace-json';

export function summaryText(digest: TraceDigest): string {
  const { meta, summary, alerts, counts } = digest;
  const lines: string[] = [];
  lines.push(`GPU memory of ${terminalSafe(meta.url) || '(no page)'}`);
  for (const line of pageHealthLines(meta.page)) lines.push(`  ${line}`);
  const kinds = Object.entries(summary.live).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(4, ...kinds.map(([k]) => k.length));
  lines.push(`  ${'kind'.padEnd(w)}  ${'live'.padStart(7)}  ${'bytes'.padStart(14)}`);
  for (const [kind, t] of kinds) {
    lines.push(`  ${kind.padEnd(w)}  ${String(t.count).padStart(7)}  ${String(t.bytes).padStart(14)}  (${formatBytes(t.bytes)})`);
  }
  lines.push(`  ${'total'.padEnd(w)}  ${''.padStart(7)}  ${String(summary.totalBytes).padStart(14)}  (${formatBytes(summary.totalBytes)})`);
  lines.push(`  objects seen: ${counts.objects}, contexts: ${counts.contexts}, frames: ${meta.frames.length}, events: ${counts.events}`);
  const churned = Object.entries(summary.churned ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (churned.length > 0) {
    const list = churned.map(([kind, t]) => `${t.count} ${kind} (${formatBytes(t.bytes)})`).join(', ');
    lines.push(`  made and freed within one task: ${list}`);
  }
  const unseen = counts.notInstrumented;
  if (unseen > 0) lines.push(`  not instrumented: ${unseen} worker${unseen === 1 ? '' : 's'} or canvases handed to workers`);
  for (const line of lossLines(meta)) lines.push(`  lost: ${terminalSafe(line)}`);
  const active = alerts.filter((a) => a.resolvedAt === null);
  const resolved = alerts.length - active.length;
  const tail = resolved > 0 ? ` (${resolved} resolved)` : '';
  if (active.length === 0) lines.push(`  alerts: none active${tail}`);
  else {
    lines.push(`  alerts: ${active.length} active${tail}`);
    for (const a of active) lines.push(`    [${a.severity}] ${a.rule}: ${terminalSafe(a.message)}`);
  }
  const pending = digest.pending ?? [];
  if (pending.length > 0) {
    lines.push(`  pending: ${pending.length} alert${pending.length === 1 ? '' : 's'} not due yet when the recording ended (record longer, or let it settle)`);
    for (const p of pending) lines.push(`    [${p.severity}, pending] ${p.rule}: ${terminalSafe(p.message)}`);
  }
  return lines.join('\n');
}

/** The same summary as JSON (`gpumem record --json`, `gpumem summary --json`): what a CI step parses. */
export function summaryJson(digest: TraceDigest, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { meta, summary, alerts, counts } = digest;
  return {
    url: meta.url,
    startedAt: meta.startedAt,
    live: summary.live,
    totalBytes: summary.totalBytes,
    churned: summary.churned ?? {},
    counts,
    alerts,
    pending: digest.pending ?? [],
    losses: lossLines(meta),
    page: meta.page ?? null,
    ...extra,
  };
}
