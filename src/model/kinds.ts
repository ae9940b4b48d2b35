// The kind vocabulary of design.md. The position in KINDS is the kind's code on the wire (protocol v1):
// append only, never reorder.
export const KINDS = [
  'webgl.buffer',
  'webgl.texture',
  'webgl.renderbuffer',
  'webgl.framebuffer',
  'webgl.program',
  'webgl.shader',
  'webgl.vertexArray',
  'webgl.query',
  'webgl.sampler',
  'webgl.sync',
  'webgl.transformFeedback',
  'webgl.drawingBuffer',
  'webgpu.device',
  'webgpu.buffer',
  'webgpu.texture',
  'webgpu.canvasTexture',
  'webgpu.querySet',
  'webgpu.sampler',
  'webgpu.bindGroup',
  'webgpu.bindGroupLayout',
  'webgpu.pipelineLayout',
  'webgpu.shaderModule',
  'webgpu.renderPipeline',
  'webgpu.computePipeline',
  'webgpu.renderBundle',
  'webgpu.externalTexture',
] as const;

export type Kind = (typeof KINDS)[number];

export const KIND_CODE: { readonly [K in Kind]: number } = Object.fromEntries(
  KINDS.map((k, i) => [k, i]),
) as { [K in Kind]: number };

export const RULES = [
  'outlived-canvas',
  'outlived-frame',
  'steady-growth',
  'collected-undeleted',
  'release-after-loss',
] as const;
export type RuleName = (typeof RULES)[number];
