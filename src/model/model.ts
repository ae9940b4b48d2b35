// src/model: pure TypeScript shared by every world (page, isolated, worker, panel, node): the wire protocol,
// byte arithmetic, the session store and the trace format. It imports nothing outside this folder.
export * from './kinds';
export * from './protocol';
export * from './op-table';
export * from './batch-decode';
export * from './format-bytes';
export * from './webgl-formats';
export * from './webgl-compressed';
export * from './webgl-unpack';
export * from './webgpu-formats';
export * from './texture-validation';
export * from './webgl-sizes';
export * from './buffer-data-bytes';
export * from './trace-types';
export * from './trace-upgrade';
export * from './totals-series';
export * from './session-store';
export * from './summary-text';
export * from './trace-json';
export * from './losses';
export * from './page-text';
export * from './largest';
export * from './messages';
export * from './stack-sites';
export * from './alert-text';
export * from './rules/rules';
export * from './settings';
