import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from './static-server';

/** A raw GET: the path goes out as written, malformed escapes included. */
function get(base: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveStatic', () => {
  let server: StaticServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gpumem-static-'));
    writeFileSync(join(dir, 'index.html'), '<p>hi</p>');
    server = await serveStatic(dir);
  });
  afterAll(() => server.close());

  it('answers 400 to a path that is not valid percent-encoding, and keeps serving', async () => {
    expect((await get(server.url, '/%E0%A4%A')).status).toBe(400);
    expect((await get(server.url, '/%')).status).toBe(400);
    expect((await get(server.url, '/a%00b')).status).toBe(400);
    expect(await get(server.url, '/')).toEqual({ status: 200, body: '<p>hi</p>' });
  });

  it('answers 404 for a missing file, and never serves a file outside its folder', async () => {
    expect((await get(server.url, '/missing.html')).status).toBe(404);
    // The URL parser resolves dot segments, encoded or not, inside the root: /etc/passwd under the folder.
    expect((await get(server.url, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get(server.url, '/../../etc/passwd')).status).toBe(404);
  });
});
