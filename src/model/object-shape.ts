// An object's shape (format, dimensions, mip levels, samples, usage): the agent sends it as one short
// string of `key=value` words (protocol op Shape, docs/protocol.md), numbers where the API has enums, and
// this module reads it into named fields for the trace and the panel. The string comes from the page, so
// a word that is not well formed is left out; a shape changes no byte count and no rule.
import type { ObjectShape } from './trace-types';
import { GL } from './webgl-formats';

/**
 * The wire's one-letter keys. Lower case carries a WebGPU name or mask, upper case a WebGL enum, so the text
 * reads the same whatever the object's kind.
 */
export const SHAPE_KEY = {
  gpuFormat: 'f', glFormat: 'F', gpuDimension: 't', glTarget: 'T', width: 'w', height: 'h', depthOrLayers: 'd',
  mipLevels: 'm', samples: 's', gpuBufferUsage: 'u', gpuTextureUsage: 'v', glUsage: 'U', glBinding: 'B',
  immutable: 'i', queryType: 'q', count: 'n',
} as const;

type CountField = 'width' | 'height' | 'depthOrLayers' | 'mipLevels' | 'samples' | 'count';

/**
 * The keys whose value is a plain count, and the field each fills: made on first use, so that a bundle
 * that imports the model and never reads shapes (the page agent) leaves it out.
 */
let numberFields: ReadonlyMap<string, CountField> | null = null;

const MAX_WORD = 64;
const NUMBER_RE = /^\d{1,10}$/;
const NAME_RE = /^[a-z0-9-]{1,48}$/;

/** GPUBufferUsage and GPUTextureUsage flags as the WebGPU spec defines them; other bits are shown in hex. */
const GPU_BUFFER_USAGE: readonly [number, string][] = [
  [0x1, 'MAP_READ'], [0x2, 'MAP_WRITE'], [0x4, 'COPY_SRC'], [0x8, 'COPY_DST'], [0x10, 'INDEX'], [0x20, 'VERTEX'],
  [0x40, 'UNIFORM'], [0x80, 'STORAGE'], [0x100, 'INDIRECT'], [0x200, 'QUERY_RESOLVE'],
];
const GPU_TEXTURE_USAGE: readonly [number, string][] = [
  [0x1, 'COPY_SRC'], [0x2, 'COPY_DST'], [0x4, 'TEXTURE_BINDING'], [0x8, 'STORAGE_BINDING'], [0x10, 'RENDER_ATTACHMENT'],
];

const GL_TEXTURE_DIMENSION = new Map<number, string>([
  [GL.TEXTURE_2D, '2d'], [GL.TEXTURE_CUBE_MAP, 'cube'], [GL.TEXTURE_3D, '3d'], [GL.TEXTURE_2D_ARRAY, '2d-array'],
]);

let glNames: Map<number, string> | null = null;

/** A WebGL enum's name (the first name the model's table gives the value), else its hex value. */
export function glEnumName(value: number): string {
  if (glNames === null) {
    glNames = new Map();
    for (const [name, v] of Object.entries(GL)) if (!glNames.has(v)) glNames.set(v, name);
  }
  return glNames.get(value) ?? `0x${value.toString(16)}`;
}

/** Flag names of a usage bitmask, in bit order; bits no name covers are added as hex. */
export function flagNames(mask: number, names: readonly [number, string][]): string {
  const out: string[] = [];
  let rest = mask;
  for (const [bit, name] of names) {
    if ((mask & bit) !== 0) {
      out.push(name);
      rest &= ~bit;
    }
  }
  if (rest !== 0) out.push(`0x${rest.toString(16)}`);
  return out.join(' | ');
}

/** Reads a Shape op's text; words that are not well formed are left out. */
export function parseShape(text: string): ObjectShape {
  const shape: ObjectShape = {};
  const K = SHAPE_KEY;
  numberFields ??= new Map<string, CountField>([
    [K.width, 'width'], [K.height, 'height'], [K.depthOrLayers, 'depthOrLayers'], [K.mipLevels, 'mipLevels'], [K.samples, 'samples'], [K.count, 'count'],
  ]);
  for (const word of text.split(' ')) {
    if (word.length > MAX_WORD || word[1] !== '=') continue;
    const key = word[0];
    const value = word.slice(2);
    const n = NUMBER_RE.test(value) ? Number(value) : undefined;
    const name = NAME_RE.test(value) ? value : undefined;
    const field = numberFields.get(key!);
    if (field) {
      if (n !== undefined) shape[field] = n;
      continue;
    }
    switch (key) {
      case K.gpuFormat:
        if (name) shape.format = name;
        break;
      case K.glFormat:
        if (n !== undefined) shape.format = glEnumName(n);
        break;
      case K.gpuDimension:
        if (value === '1d' || value === '2d' || value === '3d') shape.dimension = value;
        break;
      case K.glTarget: {
        const d = n === undefined ? undefined : GL_TEXTURE_DIMENSION.get(n);
        if (d) shape.dimension = d;
        break;
      }
      case K.gpuBufferUsage:
        if (n !== undefined) shape.usage = flagNames(n, GPU_BUFFER_USAGE);
        break;
      case K.gpuTextureUsage:
        if (n !== undefined) shape.usage = flagNames(n, GPU_TEXTURE_USAGE);
        break;
      case K.glUsage:
        if (n !== undefined) shape.usage = glEnumName(n);
        break;
      case K.glBinding:
        if (n !== undefined) shape.target = glEnumName(n);
        break;
      case K.immutable:
        if (value === '1') shape.immutable = true;
        break;
      case K.queryType:
        if (name) shape.queryType = name;
        break;
    }
  }
  return shape;
}

/** The shape as label/value rows for a details view, in a fixed order: size first, then format and use. */
export function shapeRows(s: ObjectShape): [string, string][] {
  const rows: [string, string][] = [];
  if (s.width !== undefined) {
    let size = `${s.width}`;
    if (s.height !== undefined) size += ` × ${s.height}`;
    if (s.depthOrLayers !== undefined && (s.depthOrLayers !== 1 || s.dimension === '3d')) {
      size += s.dimension === '3d' ? ` × ${s.depthOrLayers}` : `, ${s.depthOrLayers} layer${s.depthOrLayers === 1 ? '' : 's'}`;
    }
    rows.push(['dimensions', s.dimension ? `${size} (${s.dimension})` : size]);
  } else if (s.dimension !== undefined) rows.push(['dimension', s.dimension]);
  if (s.format !== undefined) rows.push(['format', s.format]);
  if (s.mipLevels !== undefined) rows.push(['mip levels', `${s.mipLevels}${s.immutable ? ' (immutable storage)' : ''}`]);
  else if (s.immutable) rows.push(['storage', 'immutable']);
  if (s.samples !== undefined) rows.push(['samples', String(s.samples)]);
  if (s.queryType !== undefined) rows.push(['query type', s.queryType]);
  if (s.count !== undefined) rows.push(['queries', String(s.count)]);
  if (s.target !== undefined) rows.push(['bound as', s.target]);
  if (s.usage !== undefined) rows.push(['usage', s.usage]);
  return rows;
}
