// The gpumem-trace format as one schema (TypeBox): the TypeScript types of trace-types.ts are derived from
// it, and docs/trace.schema.json is written from it (a test fails when the file is not what this makes),
// so the types, the published schema and the validation cannot drift apart. docs/trace-format.md says
// what each field means. Only tests and readers of trace files import this module at run time.
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { type Kind, KINDS, type RuleName, RULES } from './kinds';
import { LOSS_CAUSES, type LossCause } from './losses';
import { CANVAS_STATES, type CanvasState, RELEASE_REASONS, type ReleaseReason } from './protocol';

/** A JSON Schema `enum` whose static type is the list's union (compact in the published file). */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ enum: [...values] });

const KindSchema = oneOf<Kind>(KINDS);
const ReasonSchema = oneOf<ReleaseReason>(RELEASE_REASONS);
const Count = Type.Integer({ minimum: 0 });
const Time = Type.Number({ minimum: 0 });
const Id = Type.String();

/** One event type: its `op`, the time every event has, and its own fields. */
const event = <O extends string, P extends Record<string, TSchema>>(op: O, props: P, description?: string) =>
  Type.Object({ t: Time, op: Type.Literal(op), ...props }, description ? { description } : {});

export const ObjectShapeSchema = Type.Object({
  format: Type.Optional(Type.String({ description: "WebGPU format name, or the WebGL internal format's name (its hex value when the tool has no name for it)" })),
  dimension: Type.Optional(Type.String({ description: "1d, 2d, 3d (WebGPU); 2d, cube, 3d, 2d-array (WebGL textures)" })),
  width: Type.Optional(Count),
  height: Type.Optional(Count),
  depthOrLayers: Type.Optional(Count),
  mipLevels: Type.Optional(Count),
  samples: Type.Optional(Count),
  usage: Type.Optional(Type.String({ description: "usage flags (WebGPU) or hint (WebGL) by name, as 'COPY_DST | TEXTURE_BINDING'" })),
  target: Type.Optional(Type.String({ description: 'the WebGL binding point a buffer was filled at' })),
  immutable: Type.Optional(Type.Boolean({ description: 'made by texStorage' })),
  queryType: Type.Optional(Type.String()),
  count: Type.Optional(Count),
}, { description: "what is known of an object's shape; absent fields are not known or do not apply" });

export const TraceEventSchema = Type.Union([
  event('context', {
    id: Id, api: Type.String(), canvas: Type.String(), offscreen: Type.Boolean(), frame: Type.String(),
    transferred: Type.Optional(Type.Boolean()), worker: Type.Optional(Type.Boolean()),
  }),
  event('label', { id: Id, label: Type.String() }),
  event('ignore-source', { url: Type.String(), transitions: Type.Array(Count) },
    "library code inside the script at url, from the ignore list of its source map: (line, column, ignored 0/1) triples, 0-based and sorted, each the state from there on; frames in it are attributed as library frames from this event on (written by the background, not the page)"),
  event('snapshot', { id: Type.String(), name: Type.String() },
    "the user took a snapshot of the live set: the objects live once the events before it are applied, with their sizes then (written by the background, not the page; a reader takes it again when it replays the events)"),
  event('shape', { id: Id, shape: ObjectShapeSchema }, "the object's shape, at creation or when it changed"),
  event('cascade', { id: Id, reason: ReasonSchema }),
  event('churn', { kind: KindSchema, context: Id, bytes: Count, count: Type.Integer({ minimum: 1 }), frame: Type.String() },
    'count objects created and released within one task, reported together (protocol op Churn)'),
  event('context-lost', { id: Id }),
  event('context-restored', { id: Id }),
  event('create', { id: Id, kind: KindSchema, context: Id, frame: Type.String(), stack: Type.Optional(Type.String()) },
    "stack: the creation site's short stack, its first line the site (absent when not captured)"),
  event('canvas', { id: Id, state: oneOf<CanvasState>(CANVAS_STATES) },
    "the context's canvas left its live document, came back, or was collected (id is the context)"),
  event('tick', { frame: Type.String() }, "the agent was alive at t: the leak rules' grace periods and windows advance on it"),
  event('unused', { id: Id, animationFrame: Count, animationFrames: Count },
    "the object, made during the page's animation frame number animationFrame (the agent's count), was not used in the animationFrames animation frames after it"),
  event('used', { id: Id }, 'an object reported unused was used after all'),
  event('late-texture', { id: Id, animationFrames: Count, stack: Type.Optional(Type.String()) },
    'the texture getCurrentTexture() returned for canvas texture id was used animationFrames animation frames after its own, when it had been presented and destroyed; stack is where'),
  event('size', { id: Id, bytes: Count }),
  event('release', { id: Id, reason: ReasonSchema }),
  event('agent-error', { frame: Type.String(), message: Type.String() }),
  event('dropped', { frame: Type.String(), count: Count }, "count batches the page agent dropped while no relay answered (its queue's bound)"),
  event('loss', { cause: oneOf<LossCause>(LOSS_CAUSES), count: Type.Integer({ minimum: 1 }), reason: Type.Optional(Type.String()) },
    'count batches (frames, for flush) that did not reach the recording, and why; written by the background, not the page'),
]);

export const TraceObjectSchema = Type.Object({
  id: Id,
  kind: KindSchema,
  bytes: Count,
  peakBytes: Count,
  createdAt: Time,
  releasedAt: Type.Union([Time, Type.Null()]),
  releaseReason: Type.Optional(ReasonSchema),
  context: Id,
  frame: Type.String(),
  stack: Type.Optional(Type.String({ description: 'short stack of the creation, innermost first; its first line is site' })),
  site: Type.Optional(Type.String({ description: "where the page created the object: the first stack frame outside the extension and library code (the ignore list)" })),
  via: Type.Optional(Type.String({ description: 'the library frame the creation went through, when the site is past library code' })),
  label: Type.Optional(Type.String({ description: 'the WebGPU label, as last set' })),
  shape: Type.Optional(ObjectShapeSchema),
});

export const TraceContextSchema = Type.Object({
  id: Id,
  api: Type.String(),
  canvas: Type.String(),
  offscreen: Type.Boolean(),
  frame: Type.String(),
  createdAt: Time,
  transferred: Type.Optional(Type.Boolean({ description: "control went to a worker: the tool cannot see this context's objects" })),
  worker: Type.Optional(Type.Boolean({ description: 'a dedicated worker the page started (canvas holds its script URL): not instrumented' })),
  lostAt: Type.Optional(Type.Union([Time, Type.Null()], { description: 'time of the last loss, null once restored; absent when never lost' })),
  canvasState: Type.Optional(oneOf<Exclude<CanvasState, 'attached'>>(['removed', 'document-gone', 'collected'])),
  canvasSince: Type.Optional(Time),
});

export const TraceFrameSchema = Type.Object({
  id: Type.String(),
  frameId: Count,
  url: Type.String(),
  startedAt: Type.Number({ minimum: 0, description: "ms after the recording's start at which this document's agent started" }),
});

export const TraceAlertSchema = Type.Object({
  key: Type.String(),
  rule: oneOf<RuleName>(RULES),
  severity: oneOf(['info', 'warning', 'error'] as const),
  message: Type.String(),
  objects: Type.Array(Id, { description: "ids of its objects (the first maxAlertObjects; count has them all)" }),
  count: Count,
  bytes: Count,
  site: Type.String({ description: "the creation site it names ('' when unknown)" }),
  context: Type.Optional(Id),
  t: Time,
  updatedAt: Time,
  resolvedAt: Type.Union([Time, Type.Null()]),
}, { description: 'one leak alert; it keeps its key while it grows and until its objects are released' });

export const KindTotalsSchema = Type.Object({ count: Count, bytes: Count });

/** Totals per kind: an object whose keys are kinds. */
const perKind = Type.Unsafe<Partial<Record<Kind, Static<typeof KindTotalsSchema>>>>({
  type: 'object',
  propertyNames: { enum: [...KINDS] },
  additionalProperties: KindTotalsSchema,
});

export const PageHealthSchema = Type.Object({
  errors: Type.Array(Type.Object({ t: Time, message: Type.String() }), { description: 'uncaught exceptions and unhandled rejections in the page, the first 50 (messages cut at 2,000 characters)' }),
  droppedErrors: Count,
  crashedAt: Type.Optional(Time),
  loadError: Type.Optional(Type.String({ description: 'why the page did not load' })),
  interrupted: Type.Optional(Type.String({ description: 'why the recording ended before it was due: the trace holds what was recorded until then' })),
}, { description: 'what gpumem record saw of the page besides its GPU memory (absent in traces the panel exports)' });

export const TraceMetaSchema = Type.Object({
  url: Type.String(),
  startedAt: Type.String({ format: 'date-time' }),
  userAgent: Type.String(),
  tool: Type.String(),
  frames: Type.Array(TraceFrameSchema),
  droppedEvents: Count,
  droppedObjects: Count,
  agentErrors: Count,
  rules: Type.Optional(Type.Record(Type.String(), Type.Number({ minimum: 0 }), { description: "the leak rules' thresholds the alerts were computed with" })),
  droppedAlerts: Type.Optional(Count),
  ignoreList: Type.Optional(Type.Array(Type.String(), { description: "the user's patterns of library code the sites were attributed with, besides the defaults" })),
  rejectedBatches: Type.Optional(Count),
  losses: Type.Optional(Type.Array(Type.Object({ cause: oneOf<LossCause>(LOSS_CAUSES), reason: Type.Optional(Type.String()), count: Type.Integer({ minimum: 1 }) }))),
  page: Type.Optional(PageHealthSchema),
});

export const TRACE_SCHEMA_ID = 'https://gpu-memory-inspector.invalid/trace.schema.json';

export const TraceSchema = Type.Object({
  format: Type.Literal('gpumem-trace'),
  version: Type.Literal(3),
  meta: TraceMetaSchema,
  events: Type.Array(TraceEventSchema),
  objects: Type.Array(TraceObjectSchema),
  contexts: Type.Array(TraceContextSchema),
  alerts: Type.Array(TraceAlertSchema),
  summary: Type.Object({
    live: perKind,
    totalBytes: Count,
    churned: Type.Optional(perKind),
  }),
}, {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: TRACE_SCHEMA_ID,
  title: 'gpumem-trace, version 3',
  description: 'An allocation trace of GPU Memory Inspector. See docs/trace-format.md.',
});

/** docs/trace.schema.json's text: the schema as plain JSON, two-space indented. */
export function traceSchemaJson(): string {
  return JSON.stringify(TraceSchema, null, 2) + '\n';
}
