// `gpumem record --budget <file.json>`: the budget read and checked before a browser starts, and the
// recording's growth per creation site measured from its trace once written.
import { readFileSync } from 'node:fs';
import { type Budget, BudgetError, compareSnapshots, type DeltaRow, parseBudget, takeSnapshot } from '../model/model';
import { loadTrace } from './read-trace';
import { START_SNAPSHOT } from './record';

export function readBudget(file: string): Budget {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new BudgetError(`--budget ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BudgetError(`--budget ${file}: not JSON (${(e as Error).message})`);
  }
  try {
    return parseBudget(json);
  } catch (e) {
    throw new BudgetError(`--budget ${file}: ${(e as Error).message}`);
  }
}

/**
 * Creation sites' growth from the recording's start snapshot to its end, read back from the trace
 * (from nothing when the page had used no GPU memory when the window started).
 */
export function siteGrowth(traceFile: string): DeltaRow[] {
  const store = loadTrace(traceFile);
  const base = store.snapshots.find((s) => s.name === START_SNAPSHOT) ?? takeSnapshot('none', 'none', 0, []);
  const end = takeSnapshot('end', 'end', store.lastTime(), store.objects.values());
  return compareSnapshots(base, end).bySite;
}
