// collected-undeleted (warning): the garbage collector reclaimed a WebGL object, or a WebGPU device,
// buffer, texture or query set, that was never deleted or destroyed; one alert per creation site, with the
// bytes the objects held until then. A record, never resolved.
import { countsText, durationText } from '../alert-text';
import { formatBytes } from '../format-bytes';
import type { Kind } from '../kinds';
import type { AlertBook } from './alert-book';
import { INTERNAL, type LeakRule, type RuleEvent, siteText } from './rule';

/**
 * Kinds whose reclaiming by the GC is reported: every WebGL kind the page deletes, and the WebGPU kinds
 * that hold memory and have destroy(); the other WebGPU kinds have no destroy() and leave quietly.
 */
const REPORTED = /* @__PURE__ */ new Set<Kind>([
  'webgl.buffer', 'webgl.texture', 'webgl.renderbuffer', 'webgl.framebuffer', 'webgl.program', 'webgl.shader',
  'webgl.vertexArray', 'webgl.query', 'webgl.sampler', 'webgl.sync', 'webgl.transformFeedback',
  'webgpu.device', 'webgpu.buffer', 'webgpu.texture', 'webgpu.querySet',
]);

export class CollectedUndeletedRule implements LeakRule {
  readonly droppedGroups = 0;

  constructor(
    private readonly book: AlertBook,
    /**
     * Whether the object's canvas left the page: objects collected then went with their whole context (a
     * renderer disposed and dropped leaves its placeholders to the GC), which outlived-canvas judges.
     */
    private readonly canvasGone: (ctx: string) => boolean,
  ) {}

  reset(): void {}

  handleEvent(e: RuleEvent): void {
    if (e.type !== 'released' || e.reason !== 'collected') return;
    const o = e.o;
    if (INTERNAL.has(o.kind) || !REPORTED.has(o.kind) || this.canvasGone(o.context)) return;
    const key = `collected-undeleted|${o.site ?? ''}`;
    if (this.book.refuse(key)) return;
    const a = this.book.tally(key, o, e.t, 'collected-undeleted', 'warning');
    const verb = o.kind.startsWith('webgpu.') ? 'destroy()' : 'delete';
    a.message =
      `${countsText(this.book.kinds(key))}, ${formatBytes(a.bytes)}, created ${siteText(a.site)}, were reclaimed by ` +
      `the garbage collector without ${verb} (first at ${durationText(a.t)} into the recording)`;
  }

  tick(): void {}

  finalize(): void {}
}
