// The benchmark pages, shared by the benches that run them (overhead.mjs, same-renderer.mjs: timed loops
// as window functions that return wall ms; large-recording.mjs, panel-update.mjs: a big live set).

/**
 * WebGL 2: window.churn (create/upload/delete, `churn` buffers and textures), window.draws (10 frames of 2000
 * draws with binds, ms per frame), window.sync (finishes the GPU work, outside the timed region). `tool`:
 * loads /webgl-memory.js first.
 */
export const webglPage = ({ churn, tool = false }) => `<!doctype html><script>const N = ${churn};</script>${tool ? '<script src="/webgl-memory.js"></script>' : ''}<canvas id=c width=64 height=64></canvas><script>
const gl = document.getElementById('c').getContext('webgl2', { antialias: false });
const px = new Uint8Array(16 * 16 * 4);
const data = new Float32Array(256);
// create/upload/delete churn: 500 buffers and 500 textures per run
window.churn = async () => {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const b = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, b); gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW); gl.deleteBuffer(b);
    const t = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, t);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 16, 16, 0, gl.RGBA, gl.UNSIGNED_BYTE, px); gl.deleteTexture(t);
  }
  await null;
  return performance.now() - t0;
};
// The GPU work the loops queued, finished outside the measured window (bench/lib.mjs calls it after each run).
window.sync = () => { gl.finish(); };
// draw-heavy: 2000 draws with binds per frame, 10 frames
const vb = gl.createBuffer(); gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0,0,1,0,0,1]), gl.STATIC_DRAW);
const tex = gl.createTexture(); gl.bindTexture(gl.TEXTURE_2D, tex); gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 1, 1, 0, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
const sh = (t, s) => { const o = gl.createShader(t); gl.shaderSource(o, s); gl.compileShader(o); return o; };
const prog = gl.createProgram();
gl.attachShader(prog, sh(gl.VERTEX_SHADER, '#version 300 es\\nin vec2 p; void main(){ gl_Position = vec4(p, 0., 1.); }'));
gl.attachShader(prog, sh(gl.FRAGMENT_SHADER, '#version 300 es\\nprecision mediump float; uniform sampler2D s; out vec4 o; void main(){ o = texture(s, vec2(0.)); }'));
gl.linkProgram(prog); gl.useProgram(prog); gl.enableVertexAttribArray(0);
window.draws = async () => {
  let ms = 0;
  for (let f = 0; f < 10; f++) {
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) {
      gl.bindBuffer(gl.ARRAY_BUFFER, vb); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
      gl.bindTexture(gl.TEXTURE_2D, tex); gl.drawArrays(gl.TRIANGLES, 0, 3);
    }
    await null;
    ms += performance.now() - t0;
  }
  return ms / 10;
};
</script>`;

/**
 * WebGPU: window.setup() makes the device and defines window.churn (create/destroy, `churn` buffers and
 * textures) and window.frames (10 frames of 500 setBindGroup + draw, ms per frame). `tool`: loads
 * /webgpu-memory.js first.
 */
export const webgpuPage = ({ churn, tool = false }) => `<!doctype html><script>const N = ${churn};</script>${tool ? '<script src="/webgpu-memory.js"></script>' : ''}<script>
window.setup = async () => {
  const dev = await (await navigator.gpu.requestAdapter()).requestDevice();
  window.dev = dev;
  // create/destroy churn: 500 buffers and 500 textures per run
  window.churn = async () => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      dev.createBuffer({ size: 256, usage: GPUBufferUsage.VERTEX | GPUBufferUsage.COPY_DST }).destroy();
      dev.createTexture({ size: [16, 16], format: 'rgba8unorm', usage: GPUTextureUsage.TEXTURE_BINDING }).destroy();
    }
    await null;
    const ms = performance.now() - t0;
    await dev.queue.onSubmittedWorkDone();
    return ms;
  };
  const module = dev.createShaderModule({ code: '@group(0) @binding(0) var<uniform> u: vec4f; @vertex fn vs() -> @builtin(position) vec4f { return u; } @fragment fn fs() -> @location(0) vec4f { return u; }' });
  const pipeline = dev.createRenderPipeline({ layout: 'auto', vertex: { module }, fragment: { module, targets: [{ format: 'rgba8unorm' }] } });
  const ubo = dev.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM });
  const bg = dev.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: ubo } }] });
  const target = dev.createTexture({ size: [64, 64], format: 'rgba8unorm', usage: GPUTextureUsage.RENDER_ATTACHMENT });
  const view = target.createView();
  // a frame of 500 setBindGroup + draw, 10 frames
  window.frames = async () => {
    let ms = 0;
    for (let f = 0; f < 10; f++) {
      const t0 = performance.now();
      const enc = dev.createCommandEncoder();
      const pass = enc.beginRenderPass({ colorAttachments: [{ view, loadOp: 'clear', storeOp: 'store' }] });
      pass.setPipeline(pipeline);
      for (let i = 0; i < 500; i++) { pass.setBindGroup(0, bg); pass.draw(3); }
      pass.end();
      dev.queue.submit([enc.finish()]);
      await null;
      ms += performance.now() - t0;
      await dev.queue.onSubmittedWorkDone();
    }
    return ms / 10;
  };
  return true;
};
</script>`;

/**
 * WebGL 2: `n` buffers of 16 bytes, kept, made in tasks of 10 000 so that batches flow while the page
 * allocates, as an app that loads a big scene; window.made counts them. `more`: script run after.
 */
export const manyBuffersPage = (n, more = '') => `<!doctype html><meta charset="utf-8"><canvas id="c" width="4" height="4"></canvas><script>
  const n = ${n};
  const gl = document.getElementById('c').getContext('webgl2', { antialias: false, depth: false });
  window.keep = [];
  window.made = 0;
  const step = () => {
    const end = Math.min(n, window.made + 10000);
    for (; window.made < end; window.made++) {
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, 16, gl.STATIC_DRAW);
      window.keep.push(b);
    }
    if (window.made < n) setTimeout(step, 0);
  };
  step();
${more}
</script>`;
