// Live count and bytes per kind, and the total.
import { formatBytes, type Kind, type KindTotals } from '../../src/model/model';
import { kindColor } from './kind-colors';

export function TotalsTable({ live, total }: { live: ReadonlyMap<Kind, KindTotals>; total: number }) {
  const rows = [...live].sort(([a], [b]) => a.localeCompare(b));
  return (
    <table class="totals" data-testid="totals">
      <thead>
        <tr><th>kind</th><th>live</th><th>bytes</th></tr>
      </thead>
      <tbody>
        {rows.map(([kind, t]) => (
          <tr key={kind} data-kind={kind} data-count={t.count} data-bytes={t.bytes}>
            <td><span class="swatch" style={{ background: kindColor(kind) }} />{kind}</td>
            <td class="num">{t.count}</td>
            <td class="num" title={`${t.bytes} bytes`}>{formatBytes(t.bytes)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="total" data-bytes={total}>
          <td>total</td><td /><td class="num" title={`${total} bytes`}>{formatBytes(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
