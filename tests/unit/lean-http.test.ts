import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeanHttpPool } from '../../scripts/lib/lean-http.ts';

// A server answering the way PocketBase's Go server does: small answers with Content-Length, larger ones chunked,
// some with Connection: close; it records how many sockets it saw and what it received.
let server: Server;
let origin: URL;
const sockets = new Set<Socket>();
let concurrent = 0;
let maxConcurrent = 0;

function handle(req: IncomingMessage, res: ServerResponse) {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (body += c));
  req.on('end', () => {
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    const reply = () => {
      concurrent--;
      const echo = JSON.stringify({ path: req.url, auth: req.headers.authorization ?? null, body });
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        // three chunks, one of them splitting a multi-byte character's neighbourhood
        res.write(echo.slice(0, 5));
        res.write(`${echo.slice(5, -1)},"text":"${'质量'.repeat(2000)}"`);
        res.end('}');
      } else if (req.url === '/close') {
        res.writeHead(201, { 'content-length': Buffer.byteLength(echo), connection: 'close' });
        res.end(echo);
      } else if (req.url === '/drop') {
        req.socket.destroy();
      } else {
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-length': Buffer.byteLength(echo) });
        res.end(echo);
      }
    };
    setTimeout(reply, 5);
  });
}

beforeAll(async () => {
  server = createServer(handle);
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the load generators’ HTTP client', () => {
  it('sends the body and headers, and reads Content-Length and chunked answers in full', async () => {
    const pool = new LeanHttpPool(origin, 4);
    const plain = await pool.post('/plain', { authorization: 'token-1' }, JSON.stringify({ name: '王丽' }));
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body)).toEqual({ path: '/plain', auth: 'token-1', body: '{"name":"王丽"}' });
    const chunked = await pool.post('/chunked', {}, '{}');
    const parsed = JSON.parse(chunked.body);
    expect(parsed.path).toBe('/chunked');
    expect(parsed.text).toBe('质量'.repeat(2000));
    expect((await pool.post('/missing', {}, '{}')).status).toBe(404);
    pool.close();
  });

  it('keeps at most the given number of connections and queues the rest, answering each its own request', async () => {
    sockets.clear();
    maxConcurrent = 0;
    const pool = new LeanHttpPool(origin, 3);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => pool.post(`/n/${i}`, {}, String(i))));
    expect(answers.map((a) => JSON.parse(a.body).path)).toEqual(Array.from({ length: 30 }, (_, i) => `/n/${i}`));
    expect(sockets.size).toBe(3);
    expect(maxConcurrent).toBe(3);
    pool.close();
  });

  it('opens a new connection after an answer with Connection: close', async () => {
    sockets.clear();
    const pool = new LeanHttpPool(origin, 1);
    const [first, second] = await Promise.all([pool.post('/close', {}, 'a'), pool.post('/plain', {}, 'b')]);
    expect(first.status).toBe(201);
    expect(JSON.parse(second.body).body).toBe('b');
    expect(sockets.size).toBe(2);
    pool.close();
  });

  it('rejects a request whose connection is dropped, and goes on with the next on a new connection', async () => {
    const pool = new LeanHttpPool(origin, 1);
    const dropped = pool.post('/drop', {}, 'x');
    const after = pool.post('/plain', {}, 'y');
    await expect(dropped).rejects.toThrow(/127\.0\.0\.1/);
    expect(JSON.parse((await after).body).body).toBe('y');
    pool.close();
  });

  it('reads an answer that arrives a byte at a time, head and chunk sizes split anywhere', async () => {
    const answer = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"a"\r\na\r\n:"质量"}\r\n0\r\n\r\n';
    const bytes = Buffer.from(answer);
    const raw = createNetServer((socket) =>
      socket.once('data', async () => {
        for (const byte of bytes) {
          socket.write(Buffer.from([byte]));
          await new Promise((r) => setTimeout(r, 1));
        }
      }),
    );
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    const pool = new LeanHttpPool(new URL(`http://127.0.0.1:${(raw.address() as AddressInfo).port}`), 1);
    const reply = await pool.post('/', {}, '{}');
    expect(reply).toEqual({ status: 200, body: '{"a":"质量"}' });
    pool.close();
    await new Promise<void>((r) => raw.close(() => r()));
  });
});
