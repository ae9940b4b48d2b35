// The gpumem-trace file format, version 3: the types, derived from the one schema in trace-schema.ts (the
// schema is imported for its types only, so no bundle carries it). docs/trace-format.md explains the fields.
import type { Static } from '@sinclair/typebox';
import type {
  KindTotalsSchema,
  ObjectShapeSchema,
  TraceAlertSchema,
  TraceContextSchema,
  TraceEventSchema,
  TraceFrameSchema,
  TraceMetaSchema,
  TraceObjectSchema,
  TraceSchema,
} from './trace-schema';

export const TRACE_FORMAT = 'gpumem-trace';
export const TRACE_VERSION = 3;

export type TraceEvent = Static<typeof TraceEventSchema>;
export type ObjectShape = Static<typeof ObjectShapeSchema>;
export type TraceObject = Static<typeof TraceObjectSchema>;
export type TraceContext = Static<typeof TraceContextSchema>;
export type TraceFrame = Static<typeof TraceFrameSchema>;
export type TraceAlert = Static<typeof TraceAlertSchema>;
export type AlertSeverity = TraceAlert['severity'];
export type KindTotals = Static<typeof KindTotalsSchema>;
/** A reader may find fields a later version added: they are kept, not trusted. */
export type TraceMeta = Static<typeof TraceMetaSchema> & { [extra: string]: unknown };
export type Trace = Omit<Static<typeof TraceSchema>, 'meta'> & { meta: TraceMeta };

/** Written into every trace's meta.tool. */
export const TOOL = 'gpu-memory-inspector 0.1.0';
