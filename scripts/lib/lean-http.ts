/**
 * The load generators' HTTP client (`npm run bench:quiz`, `npm run bench:api`): HTTP/1.1 over at most
 * `connections` kept-alive sockets, requests beyond that waiting in a queue, one request at a time per socket.
 *
 * Why not undici or node:http: the generators run on the same two cores as the server, so every millisecond the
 * generator spends is one the server does not get. Both general clients build header objects, streams and
 * events per request: 0.8 ms of CPU per quiz request with undici, 0.3 ms per video report with node:http
 * (docs/quiz-load.md, docs/api-load.md). This client writes one preformatted string and parses only what the
 * benchmarks read (status, Content-Length or chunked body, Connection: close). It is not a general client: no
 * redirects, no compression, no trailers, no retries. A failed socket rejects its request with the reason;
 * the benchmark counts it as an error.
 */
import { connect, type Socket } from 'node:net';

export interface LeanResponse {
  status: number;
  body: string;
}

interface Pending {
  head: string;
  body: string;
  resolve: (r: LeanResponse) => void;
  reject: (e: Error) => void;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

class Connection {
  readonly socket: Socket;
  current: Pending | null = null;
  private buf: Buffer = Buffer.alloc(0);
  private status = 0;
  private bodyStart = -1; // -1 until the head has been read
  private length = -1; // Content-Length, or -1 when chunked
  private chunked = false;
  private closeAfter = false;
  private chunkAt = 0; // chunked: where the next chunk's size line starts
  private parts: Buffer[] = [];

  private readonly done: (c: Connection, closing: boolean) => void;
  private readonly failed: (c: Connection, err: Error) => void;

  constructor(host: string, port: number, done: (c: Connection, closing: boolean) => void, failed: (c: Connection, err: Error) => void) {
    this.done = done;
    this.failed = failed;
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (err) => this.failed(this, err));
    this.socket.on('close', () => this.failed(this, new Error('connection closed by the server')));
  }

  send(p: Pending): void {
    this.current = p;
    this.socket.write(p.head + p.body);
  }

  private read(chunk: Buffer): void {
    if (!this.current) return; // nothing asked: not an answer to anything
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (this.bodyStart < 0 && !this.readHead()) return;
    if (this.chunked) this.readChunks();
    else if (this.buf.length >= this.bodyStart + this.length)
      this.finish(this.buf.toString('utf8', this.bodyStart, this.bodyStart + this.length));
  }

  private readHead(): boolean {
    const end = this.buf.indexOf(HEAD_END);
    if (end < 0) return false;
    const head = this.buf.toString('latin1', 0, end).toLowerCase();
    this.status = Number(head.slice(9, 12));
    this.bodyStart = end + 4;
    const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
    this.chunked = !length && /\r\ntransfer-encoding:\s*chunked/.test(head);
    this.length = length ? Number(length[1]) : this.chunked ? -1 : 0;
    this.closeAfter = /\r\nconnection:\s*close/.test(head);
    this.chunkAt = this.bodyStart;
    return true;
  }

  private readChunks(): void {
    for (;;) {
      const lineEnd = this.buf.indexOf(CRLF, this.chunkAt);
      if (lineEnd < 0) return;
      const size = Number.parseInt(this.buf.toString('latin1', this.chunkAt, lineEnd), 16);
      if (size === 0) {
        if (this.buf.length < lineEnd + 4) return; // the empty trailer's CRLF
        this.finish(Buffer.concat(this.parts).toString('utf8'));
        return;
      }
      if (this.buf.length < lineEnd + 2 + size + 2) return;
      this.parts.push(this.buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      this.chunkAt = lineEnd + 2 + size + 2;
    }
  }

  private finish(body: string): void {
    const p = this.current;
    this.current = null;
    this.buf = Buffer.alloc(0);
    this.bodyStart = -1;
    this.parts = [];
    p?.resolve({ status: this.status, body });
    this.done(this, this.closeAfter);
  }
}

export class LeanHttpPool {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private readonly queue: Pending[] = [];
  private closed = false;
  private readonly origin: URL;
  private readonly connections: number;

  constructor(origin: URL, connections: number) {
    this.origin = origin;
    this.connections = connections;
    if (!(connections >= 1)) throw new Error(`LeanHttpPool: connections must be at least 1, got ${connections}`);
  }

  /** POSTs a JSON body; `headers` are extra header lines such as { authorization: token }. */
  post(path: string, headers: Record<string, string>, body: string): Promise<LeanResponse> {
    if (this.closed) return Promise.reject(new Error('LeanHttpPool: closed'));
    let head = `POST ${path} HTTP/1.1\r\nhost: ${this.origin.host}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
    head += '\r\n';
    return new Promise((resolve, reject) => {
      const p: Pending = { head, body, resolve, reject };
      const conn = this.idle.pop() ?? (this.all.size < this.connections ? this.open() : null);
      if (conn) conn.send(p);
      else this.queue.push(p);
    });
  }

  close(): void {
    this.closed = true;
    for (const c of this.all) c.socket.destroy();
    for (const p of this.queue.splice(0)) p.reject(new Error('LeanHttpPool: closed'));
  }

  private open(): Connection {
    const conn = new Connection(
      this.origin.hostname,
      Number(this.origin.port),
      (c, closing) => this.next(c, closing),
      (c, err) => this.lost(c, err),
    );
    this.all.add(conn);
    return conn;
  }

  private next(conn: Connection, closing: boolean): void {
    if (closing) {
      this.all.delete(conn);
      conn.socket.destroy();
      const waiting = this.queue.shift();
      if (waiting && !this.closed) this.open().send(waiting);
      return;
    }
    const waiting = this.queue.shift();
    if (waiting) conn.send(waiting);
    else this.idle.push(conn);
  }

  private lost(conn: Connection, err: Error): void {
    if (!this.all.delete(conn)) return; // already handled (error, then close)
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    conn.socket.destroy();
    if (conn.current) {
      const p = conn.current;
      conn.current = null;
      p.reject(new Error(`${err.message} (${this.origin.host})`));
    }
    const waiting = this.queue.shift();
    if (waiting && !this.closed) this.open().send(waiting);
  }
}
