// `gpumem summary`, `diff` and `convert`: read trace files and print what they hold, how they differ, or
// write them in another format.
import { chromeTracePieces, diffJson, diffPoint, diffPoints, diffText, digestOf, formatBytes, summaryJson, summaryText, terminalSafe, upgradeTrace } from '../model/model';
import type { DiffCommand } from './args';
import { loadTrace, readTraceFile } from './read-trace';
import { traceOutput } from './trace-file';

export function runSummary(file: string, json: boolean): number {
  const store = loadTrace(file);
  const trace = store.toTrace({ userAgent: '', tool: '' });
  const digest = digestOf(trace);
  const snapshots = store.snapshots.map((s) => ({ id: s.id, name: s.name, t: s.t, count: s.objects.length, bytes: s.totalBytes }));
  if (json) {
    console.log(JSON.stringify(summaryJson(digest, { file, recordedMs: store.lastTime(), snapshots }), null, 2));
    return 0;
  }
  console.log(summaryText(digest));
  console.log(`  recorded: ${(store.lastTime() / 1000).toFixed(1)} s`);
  if (snapshots.length === 0) console.log('  snapshots: none');
  else {
    console.log(`  snapshots: ${snapshots.length}`);
    snapshots.forEach((s, i) => console.log(`    ${i + 1}. ${JSON.stringify(terminalSafe(s.name))} at ${(s.t / 1000).toFixed(1)} s: ${s.count} objects, ${formatBytes(s.bytes)}`));
  }
  return 0;
}

export function runDiff(cmd: DiffCommand): number {
  const [fileA, fileB] = cmd.files as [string, string | undefined];
  const a = loadTrace(fileA);
  const b = fileB === undefined ? a : loadTrace(fileB);
  const from = diffPoint(a, fileA, cmd.from);
  const to = diffPoint(b, fileB ?? fileA, cmd.to);
  const d = diffPoints(from, to, { total: cmd.maxGrowth, perKind: cmd.maxGrowthKind }, b === a);
  console.log(cmd.json ? JSON.stringify(diffJson(d), null, 2) : diffText(d));
  return d.over.length > 0 ? 1 : 0;
}

/** Writes the trace in Chrome's Trace Event Format, piece by piece (gzipped when `out` ends in .gz). */
export async function runConvert(file: string, out: string): Promise<number> {
  const trace = upgradeTrace(readTraceFile(file));
  const output = traceOutput(out);
  try {
    for (const piece of chromeTracePieces(trace)) await output.write(piece);
  } catch (e) {
    output.abandon();
    throw e;
  }
  await output.commit();
  console.log(`${terminalSafe(out)}: ${trace.objects.length} object lifetimes, ${trace.alerts.length} alerts; open it in ui.perfetto.dev or chrome://tracing`);
  return 0;
}
