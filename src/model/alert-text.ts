// Plain words for alerts: kind nouns with counts ("37 textures"), durations ("5.0 s"), object lists.
import type { Kind } from './kinds';

const NOUNS: Partial<Record<Kind, [string, string]>> = {
  'webgl.vertexArray': ['vertex array', 'vertex arrays'],
  'webgl.query': ['query', 'queries'],
  'webgl.sync': ['sync', 'syncs'],
  'webgl.transformFeedback': ['transform feedback', 'transform feedbacks'],
  'webgl.drawingBuffer': ['drawing buffer', 'drawing buffers'],
  'webgpu.texture': ['GPU texture', 'GPU textures'],
  'webgpu.buffer': ['GPU buffer', 'GPU buffers'],
  'webgpu.device': ['GPU device', 'GPU devices'],
  'webgpu.canvasTexture': ['canvas texture', 'canvas textures'],
  'webgpu.querySet': ['query set', 'query sets'],
  'webgpu.sampler': ['GPU sampler', 'GPU samplers'],
  'webgpu.bindGroup': ['bind group', 'bind groups'],
  'webgpu.bindGroupLayout': ['bind group layout', 'bind group layouts'],
  'webgpu.pipelineLayout': ['pipeline layout', 'pipeline layouts'],
  'webgpu.shaderModule': ['shader module', 'shader modules'],
  'webgpu.renderPipeline': ['render pipeline', 'render pipelines'],
  'webgpu.computePipeline': ['compute pipeline', 'compute pipelines'],
  'webgpu.renderBundle': ['render bundle', 'render bundles'],
  'webgpu.externalTexture': ['external texture', 'external textures'],
};

/** "1 texture", "37 textures", "2 GPU buffers". */
export function countOf(kind: Kind, n: number): string {
  const pair = NOUNS[kind];
  if (pair) return `${n} ${n === 1 ? pair[0] : pair[1]}`;
  const noun = kind.slice(kind.indexOf('.') + 1);
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "12 buffers, 37 textures" from per-kind counts, largest count first; at most three kinds named. */
export function countsText(counts: ReadonlyMap<Kind, number>): string {
  const sorted = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const named = sorted.slice(0, 3).map(([k, n]) => countOf(k, n));
  const rest = sorted.slice(3).reduce((s, [, n]) => s + n, 0);
  if (rest > 0) named.push(`${rest} other object${rest === 1 ? '' : 's'}`);
  return named.join(', ');
}

/** "5.0 s", "2 min 5 s", "1 h 3 min". */
export function durationText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.floor(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
