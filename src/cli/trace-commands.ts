// `gpumem summary` and `gpumem diff`: read trace files and print what they hold or how they differ.
import { diffJson, diffPoint, diffPoints, diffText, digestOf, formatBytes, summaryJson, summaryText, terminalSafe } from '../model/model';
import type { DiffCommand } from './args';
import { loadTrace } from './read-trace';

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
