// Text gzipped in the worker (CompressionStream, native zlib), as base64: the DevTools protocol carries
// about 11 MB/s of text here, and a trace's JSON shrinks about tenfold.

/** `text` gzipped, as base64 (one gzip member). */
export async function gzipBase64(text: string): Promise<string> {
  // Written into the stream, not read from a Blob: a million-object export makes a hundred pieces, and
  // blobs count against the browser's blob storage until collected.
  const cs = new CompressionStream('gzip');
  const writer = cs.writable.getWriter();
  void writer.write(new TextEncoder().encode(text));
  void writer.close();
  const bytes = new Uint8Array(await new Response(cs.readable).arrayBuffer());
  let binary = '';
  // fromCharCode takes its arguments on the stack: 32 K at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
