// One colour per kind, stable across charts and tables. The kinds that hold memory each have their own
// colour, so the bytes chart of a page using WebGL and WebGPU never draws two of them alike; the kinds
// counted only share a second palette. Mid tones, legible on DevTools' light and dark backgrounds.
import { KINDS, type Kind } from '../../src/model/model';

const MEMORY: Partial<Record<Kind, string>> = {
  'webgl.buffer': '#1a73e8',
  'webgl.texture': '#e8710a',
  'webgl.renderbuffer': '#188038',
  'webgl.drawingBuffer': '#d93025',
  'webgpu.buffer': '#12b5cb',
  'webgpu.texture': '#f9ab00',
  'webgpu.canvasTexture': '#9334e6',
  'webgpu.querySet': '#e52592',
};

const OTHERS = ['#00897b', '#7cb342', '#8d6e63', '#5c6bc0', '#c0ca33', '#827717', '#546e7a', '#b0855a', '#80868b'];

/** Every kind's colour, made once: the totals and charts ask for one per kind at each redraw. */
const COLORS = new Map<Kind, string>();
let counted = 0;
for (const k of KINDS) COLORS.set(k, MEMORY[k] ?? OTHERS[counted++ % OTHERS.length]!);

export function kindColor(kind: Kind): string {
  return COLORS.get(kind)!;
}
