// Bytes that a WebGL bufferData call allocates, for each of its overloads (WebGL 1 and 2).

/**
 * Bytes a bufferData call allocates, for every overload; undefined when the GL rejects it. WebGL 1 has no
 * srcOffset/length overload and ignores extra arguments, so `webgl2` false ignores them too.
 */
export function bufferDataBytes(args: ArrayLike<unknown>, webgl2 = true): number | undefined {
  const data = args[1];
  // Views first: they are what apps pass on the hot path.
  if (ArrayBuffer.isView(data)) {
    if (args.length < 4 || !webgl2) return data.byteLength;
    // WebGL 2: bufferData(target, srcData, usage, srcOffset, length) counts in elements.
    const bpe = 'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
    const elements = data.byteLength / bpe;
    const offset = Math.trunc(Number(args[3]));
    const length = args.length > 4 ? Math.trunc(Number(args[4])) : 0;
    if (!(offset >= 0) || offset > elements) return undefined;
    if (length === 0) return (elements - offset) * bpe;
    return length > 0 && offset + length <= elements ? length * bpe : undefined;
  }
  if (typeof data === 'number') {
    const n = Math.trunc(data);
    return n >= 0 ? n : undefined;
  }
  if (data === null || data === undefined) return undefined;
  if (typeof data !== 'object') {
    const n = Math.trunc(Number(data));
    return n >= 0 ? n : undefined;
  }
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (typeof SharedArrayBuffer === 'function' && data instanceof SharedArrayBuffer) return data.byteLength;
  return undefined;
}
