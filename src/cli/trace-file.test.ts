import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { traceFile, traceOutput, unwritable } from './trace-file';

describe('traceFile', () => {
  it('writes pieces in order, and the file appears only once committed', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gpumem-file-')), 'trace.json');
    const file = traceFile(path);
    for (const piece of ['{"a":[1,', Buffer.from('2,3],'), '"é":"x"}']) file.write(piece);
    expect(existsSync(path)).toBe(false);
    file.commit();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: [1, 2, 3], é: 'x' });
    expect(existsSync(`${path}.partial`)).toBe(false);
  });

  it('gzips a .gz trace as one gzip member, and writes any other as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpumem-file-'));
    for (const name of ['t.json.gz', 't.json']) {
      const out = traceOutput(join(dir, name));
      for (let i = 0; i < 200; i++) await out.write(i === 0 ? '{"a":[' : `${i - 1},`);
      await out.write('199]}');
      await out.commit();
      const bytes = readFileSync(join(dir, name));
      const text = name.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      expect(JSON.parse(text).a).toHaveLength(200);
      expect(text.endsWith('}\n')).toBe(true);
      // One member: its trailer's length is the whole text's (a second member would follow it).
      if (name.endsWith('.gz')) expect(bytes.readUInt32LE(bytes.length - 4)).toBe(Buffer.byteLength(text));
    }
  });

  it('leaves nothing behind when abandoned', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gpumem-file-')), 'trace.json');
    const file = traceFile(path);
    file.write('{"half":');
    file.abandon();
    expect(existsSync(path) || existsSync(`${path}.partial`)).toBe(false);
  });

  it('says why a trace path cannot be written, before anything is recorded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpumem-file-'));
    expect(unwritable(join(dir, 'trace.json'))).toBeNull();
    expect(unwritable(dir)).toBe(`${dir} is a directory`);
    expect(unwritable(join(dir, 'no', 'trace.json'))).toBe(`${join(dir, 'no')} is not a directory`);
  });
});
