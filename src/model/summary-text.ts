// Plain-text summary of a trace, as the CLI prints it.
import { formatBytes } from './format-bytes';
import type { Trace } from './trace-types';

export function summaryText(trace: Trace): string {
  const lines: string[] = [];
  lines.push(`GPU memory of ${trace.meta.url || '(no page)'}`);
  const kinds = Object.entries(trace.summary.live).sort(([a], [b]) => a.localeCompare(b));
  const w = Math.max(4, ...kinds.map(([k]) => k.length));
  lines.push(`  ${'kind'.padEnd(w)}  ${'live'.padStart(7)}  ${'bytes'.padStart(14)}`);
  for (const [kind, t] of kinds) {
    lines.push(`  ${kind.padEnd(w)}  ${String(t.count).padStart(7)}  ${String(t.bytes).padStart(14)}  (${formatBytes(t.bytes)})`);
  }
  lines.push(`  ${'total'.padEnd(w)}  ${''.padStart(7)}  ${String(trace.summary.totalBytes).padStart(14)}  (${formatBytes(trace.summary.totalBytes)})`);
  lines.push(`  objects seen: ${trace.objects.length}, contexts: ${trace.contexts.length}, frames: ${trace.meta.frames.length}, events: ${trace.events.length}`);
  const churned = Object.entries(trace.summary.churned ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (churned.length > 0) {
    const list = churned.map(([kind, t]) => `${t.count} ${kind} (${formatBytes(t.bytes)})`).join(', ');
    lines.push(`  made and freed within one task: ${list}`);
  }
  const unseen = trace.contexts.filter((c) => c.worker || c.transferred).length;
  if (unseen > 0) lines.push(`  not instrumented: ${unseen} worker${unseen === 1 ? '' : 's'} or canvases handed to workers`);
  if (trace.meta.droppedEvents || trace.meta.droppedObjects) {
    lines.push(`  dropped: ${trace.meta.droppedEvents} events, ${trace.meta.droppedObjects} released objects (bounds reached)`);
  }
  if (trace.meta.agentErrors) lines.push(`  agent errors: ${trace.meta.agentErrors} (see "agent-error" events)`);
  const droppedAlerts = Number(trace.meta.droppedAlerts) || 0;
  if (droppedAlerts > 0) lines.push(`  alerts not raised: ${droppedAlerts} (bound reached)`);
  const active = trace.alerts.filter((a) => a.resolvedAt === null);
  const resolved = trace.alerts.length - active.length;
  const tail = resolved > 0 ? ` (${resolved} resolved)` : '';
  if (active.length === 0) lines.push(`  alerts: none active${tail}`);
  else {
    lines.push(`  alerts: ${active.length} active${tail}`);
    for (const a of active) lines.push(`    [${a.severity}] ${a.rule}: ${a.message}`);
  }
  return lines.join('\n');
}
