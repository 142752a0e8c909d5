/**
 * A tiny SMTP server for tests: accepts every message on 127.0.0.1 (no TLS, no auth) and keeps it, so a test
 * can read what PocketBase sent. Enough of RFC 5321 for Go's net/smtp client: EHLO/HELO, MAIL, RCPT, DATA,
 * RSET, NOOP, QUIT.
 */
import { createServer, type Server } from 'node:net';

export interface SunkMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  waitFor(to: string, timeoutMs?: number): Promise<SunkMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: SunkMail[] = [];
  const server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink.test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          data += buffer;
          buffer = '';
          const at = data.indexOf('\r\n.\r\n');
          if (at < 0) return;
          buffer = data.slice(at + 5);
          mails.push({ from, to, raw: data.slice(0, at).replace(/\r\n\.\./g, '\r\n.') });
          inData = false;
          data = '';
          reply('250 OK queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'HELO') reply('250 sink.test');
        else if (verb === 'MAIL') {
          from = line.replace(/^MAIL FROM:\s*<?([^>\s]*)>?.*$/i, '$1');
          to = [];
          reply('250 OK');
        } else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*<?([^>\s]*)>?.*$/i, '$1'));
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else reply('502 Command not implemented');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    mails,
    async waitFor(to, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = mails.find((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail to ${to} within ${timeoutMs} ms (got ${mails.length} other mails)`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The mail's text with every part's transfer encoding undone (nested multiparts included): each part that says
 * quoted-printable or base64 is decoded in place, headers kept.
 */
export function decodeMail(raw: string): string {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]);
  let parts = [raw];
  for (const b of boundaries) parts = parts.flatMap((p) => p.split(`--${b}`));
  return parts
    .map((part) => {
      const split = part.indexOf('\r\n\r\n');
      if (split < 0) return part;
      const head = part.slice(0, split);
      const content = part.slice(split + 4);
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
        const soft = content.replace(/=\r?\n/g, '');
        const bytes: number[] = [];
        for (let i = 0; i < soft.length; i++) {
          const hex = soft[i] === '=' ? /^[0-9A-F]{2}$/i.exec(soft.slice(i + 1, i + 3)) : null;
          if (hex) {
            bytes.push(parseInt(hex[0], 16));
            i += 2;
          } else bytes.push(...Buffer.from(soft[i], 'utf8'));
        }
        return `${head}\n${Buffer.from(bytes).toString('utf8')}`;
      }
      if (/content-transfer-encoding:\s*base64/i.test(head))
        return `${head}\n${Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')}`;
      return part;
    })
    .join('\n');
}
