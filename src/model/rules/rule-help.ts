// What each rule means, the threshold it used and what usually fixes it, in words for the panel's Leaks
// view (docs/leak-rules.md has the full account). Thresholds come from the settings the alert was computed with.
import { durationText } from '../alert-text';
import { formatBytes } from '../format-bytes';
import type { RuleSettings } from './rule-settings';

export interface RuleHelp {
  /** What the rule saw, in one sentence. */
  means: string;
  /** The threshold that made it fire, with its value. */
  threshold: string;
  /** What usually fixes it. */
  fix: string;
}


export function ruleHelp(rule: string, s: RuleSettings): RuleHelp | null {
  switch (rule) {
    case 'outlived-canvas':
      return {
        means: 'A canvas left the page (removed, or its document went away) while its WebGL context still holds objects the page never deleted: nothing can draw with them, and they stay allocated until the context is collected.',
        threshold: `The canvas has been gone for ${durationText(s.canvasGraceMs)} and its context holds at least ${formatBytes(s.canvasMinBytes)} (its drawing buffer not counted).`,
        fix: 'Dispose of the scene before removing its canvas: delete its buffers, textures and framebuffers (three.js: dispose() geometries, materials, textures and the renderer; Babylon.js: scene.dispose() and engine.dispose()), or lose the context with WEBGL_lose_context.',
      };
    case 'steady-growth':
      return {
        means: 'The objects one creation site makes in one context keep adding up: each time slot’s lowest live count is higher than the last one’s.',
        threshold: `The baseline rose in each of ${s.growthSlots} slots of ${durationText(s.growthSlotMs)}, by at least ${s.growthMinObjects} objects in all (or ${formatBytes(s.growthMinBytes)} for objects that grow in place).`,
        fix: 'Delete or destroy what the site replaces (the old texture when loading a new one, the old buffer on resize), or reuse one object and update it in place.',
      };
    case 'collected-undeleted':
      return {
        means: 'The garbage collector reclaimed objects that the page never deleted or destroyed: their GPU memory lived until an unpredictable GC, and a page that makes them faster than GC runs grows without bound.',
        threshold: 'Any WebGL object, or WebGPU device, buffer, texture or query set, reclaimed without delete or destroy().',
        fix: 'Call gl.delete*() or destroy() when the object is no longer needed instead of dropping the last reference.',
      };
    case 'release-after-loss':
      return {
        means: 'The page deleted or destroyed objects after their context was lost or their device was destroyed or lost: the GPU had already freed them, so the call did nothing.',
        threshold: 'Any delete or destroy() after the loss.',
        fix: 'Nothing leaks. On webglcontextlost (or the device’s lost promise) drop the old objects and make new ones after the restore.',
      };
    case 'outlived-frame':
      return {
        means: 'A site makes buffers or textures during an animation frame, frame after frame, and they are not used again afterwards: per-frame temporaries that are never released.',
        threshold: `Objects unused for ${s.frameGrace} animation frames after the one that made them, from at least ${s.frameMinFrames} different frames; or a canvas's current texture used after its frame.`,
        fix: 'Create the object once and update it each frame (writeBuffer, texSubImage2D), or release it at the end of the frame that made it; get the current texture anew in each frame.',
      };
    default:
      return null;
  }
}
