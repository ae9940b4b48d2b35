// Text gzipped in the worker (CompressionStream, native zlib), as base64: extension messages and the
// DevTools protocol both carry text at about 7 to 11 MB/s here, and a trace's JSON shrinks about tenfold.

/** `text` gzipped, as base64 (one gzip member). */
export async function gzipBase64(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  // fromCharCode takes its arguments on the stack: 32 K at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
