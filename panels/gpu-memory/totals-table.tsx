// Live count and bytes per kind, the total, and how many objects of each kind were made and freed within
// one task (churn: never live between tasks, so only counted).
import { formatBytes, type Kind, type KindTotals } from '../../src/model/model';
import { kindColor } from './kind-colors';

const NONE: KindTotals = { count: 0, bytes: 0 };

/** Kinds whose name does not say what they are. */
const KIND_TITLES: Partial<Record<Kind, string>> = {
  'webgl.drawingBuffer':
    "A WebGL canvas's own buffers: the color buffer it shows, and its depth, stencil and antialiasing buffers, which the browser allocates with the context and resizes with the canvas",
  'webgpu.device': 'A WebGPU device: counted as an object; the memory is in the buffers, textures and query sets made from it',
};

export function TotalsTable({
  live,
  total,
  churned,
}: {
  live: ReadonlyMap<Kind, KindTotals>;
  total: number;
  churned?: ReadonlyMap<Kind, KindTotals>;
}) {
  const kinds = [...new Set([...live.keys(), ...(churned?.keys() ?? [])])].sort((a, b) => a.localeCompare(b));
  return (
    <table class="totals" data-testid="totals">
      <thead>
        <tr>
          <th>kind</th>
          <th title="Objects holding GPU memory now">live</th>
          <th title="GPU memory they hold now">bytes</th>
          {churned && <th title="Churn: objects made and freed within one task (one event-loop turn), so never live between tasks. Only counted: a loop that does this every frame costs time, not memory">churn</th>}
        </tr>
      </thead>
      <tbody>
        {kinds.map((kind) => {
          const t = live.get(kind) ?? NONE;
          const c = churned?.get(kind) ?? NONE;
          return (
            <tr key={kind} data-kind={kind} data-count={t.count} data-bytes={t.bytes} data-churn={c.count}>
              <td title={KIND_TITLES[kind]}><span class="swatch" style={{ background: kindColor(kind) }} /><span class={KIND_TITLES[kind] ? 'explained' : undefined}>{kind}</span></td>
              <td class="num">{t.count}</td>
              <td class="num" title={`${t.bytes} bytes`}>{formatBytes(t.bytes)}</td>
              {churned && <td class="num" title={`${c.count} objects, ${c.bytes} bytes in all`}>{c.count || ''}</td>}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr data-testid="total" data-bytes={total}>
          <td>total</td><td /><td class="num" title={`${total} bytes`}>{formatBytes(total)}</td>{churned && <td />}
        </tr>
      </tfoot>
    </table>
  );
}
