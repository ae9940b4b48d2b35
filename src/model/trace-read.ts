// Reads a trace file's text into a checked, current-version trace, or says why not: which field and what is
// wrong with it. A trace file is untrusted input (the panel opens any file a user drops on it), so every
// part is checked against the schema before a store replays it.
import { Value } from '@sinclair/typebox/value';
import { FormatRegistry, type TSchema, TypeRegistry } from '@sinclair/typebox';
import { TraceEventSchema, TraceSchema } from './trace-schema';
import { type Trace, TRACE_FORMAT } from './trace-types';
import { TraceVersionError, upgradeTrace, type TraceV1 } from './trace-upgrade';

export class TraceReadError extends Error {
  override name = 'TraceReadError';
}

/**
 * The schema's plain JSON Schema parts (Type.Unsafe: the enums of kinds, rules and reasons, and the
 * per-kind totals), which TypeBox's checker leaves to a registered check.
 */
interface UnsafePart { enum?: unknown[]; type?: string; propertyNames?: { enum: unknown[] }; additionalProperties?: TSchema }
function checkUnsafe(schema: UnsafePart, value: unknown): boolean {
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type !== 'object' || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const [k, v] of Object.entries(value)) {
    if (schema.propertyNames && !schema.propertyNames.enum.includes(k)) return false;
    if (schema.additionalProperties && !Value.Check(schema.additionalProperties, v)) return false;
  }
  return true;
}
// An ISO-8601 date and time, as Date.parse reads it (meta.startedAt).
if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)));
if (!TypeRegistry.Has('Unsafe')) TypeRegistry.Set('Unsafe', (schema, value) => checkUnsafe(schema as UnsafePart, value));

/** Each event's schema by its op: an event is checked against its own type, not the union of them all. */
let byOp: Map<string, TSchema> | null = null;
function eventSchemas(): Map<string, TSchema> {
  if (byOp) return byOp;
  byOp = new Map();
  for (const s of TraceEventSchema.anyOf) byOp.set((s.properties.op as { const: string }).const, s);
  return byOp;
}

/** JSON Pointer /events/12/bytes as events[12].bytes. */
function fieldName(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) {
    const p = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(p) ? `[${p}]` : out === '' ? p : `.${p}`;
  }
  return out || '(the whole file)';
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Throws the first error of `value` against `schema`; `at` is the value's JSON Pointer in the file. */
function fail(schema: TSchema, value: unknown, at: string): never {
  const e = Value.Errors(schema, value).First();
  const part = e?.schema as UnsafePart | undefined;
  const why = !e ? 'not valid' : part?.enum ? `not one of the ${part.enum.length} values this tool knows` : part?.propertyNames ? 'expected totals per known kind' : e.message.toLowerCase();
  throw new TraceReadError(`${fieldName(at + (e?.path ?? ''))}: ${why} (found ${shown(e ? e.value : value)})`);
}

/** Each event against its own type (a union's error would not say which field of which type is wrong). */
function checkEvents(events: unknown[]): void {
  const schemas = eventSchemas();
  for (let i = 0; i < events.length; i++) {
    const ev = events[i] as { op?: unknown } | null;
    const op = typeof ev === 'object' && ev !== null ? ev.op : undefined;
    const schema = typeof op === 'string' ? schemas.get(op) : undefined;
    if (!schema) throw new TraceReadError(`events[${i}].op: not an event this tool knows (found ${shown(op)})`);
    if (!Value.Check(schema, ev)) fail(schema, ev, `/events/${i}`);
  }
}

/** A parsed JSON value as a trace of the current version; throws TraceReadError naming the first bad field. */
export function checkTrace(raw: unknown): Trace {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TraceReadError(`not a gpumem trace: the file holds ${Array.isArray(raw) ? 'a JSON array' : `a JSON ${raw === null ? 'null' : typeof raw}`}, not an object`);
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== TRACE_FORMAT) {
    if ('traceEvents' in obj) throw new TraceReadError('a Chrome trace (Trace Event Format), not a gpumem trace: open it in Perfetto or chrome://tracing');
    throw new TraceReadError(`format: not a gpumem trace, expected "${TRACE_FORMAT}" (found ${shown(obj.format)})`);
  }
  let trace: Trace;
  try {
    // The version first (upgrading no events says whether it is one this tool reads), then the events.
    upgradeTrace({ version: obj.version, events: [] } as unknown as TraceV1);
    if (!Array.isArray(obj.events)) fail(TraceSchema.properties.events, obj.events, '/events');
    trace = upgradeTrace(obj as unknown as TraceV1);
  } catch (e) {
    if (e instanceof TraceVersionError) throw new TraceReadError(`version: ${e.message}`);
    throw e;
  }
  // In the file's order (format, version, meta, events, …): the first wrong field is the one named.
  for (const [name, schema] of Object.entries(TraceSchema.properties)) {
    const v = (trace as unknown as Record<string, unknown>)[name];
    if (name === 'events') checkEvents(trace.events as unknown[]);
    else if (!Value.Check(schema, v)) fail(schema, v, `/${name}`);
  }
  return trace;
}

/** A trace file's text (JSON) as a checked trace. */
export function parseTraceText(text: string): Trace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const head = text.trimStart().slice(0, 1);
    throw new TraceReadError(`not JSON${head && head !== '{' ? ` (it starts with ${shown(text.trimStart().slice(0, 12))})` : ''}: ${(e as Error).message}`);
  }
  return checkTrace(raw);
}

/** Whether bytes start as gzip does (1f 8b): a trace may be gzipped whatever its name. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
