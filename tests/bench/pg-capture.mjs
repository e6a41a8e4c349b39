// A TCP proxy between a server under test and PostgreSQL that records every statement it
// sends (simple queries, and the text of extended-protocol statements with their values).
// bench:reference points both Mend and the reference server at it while it compares them, so
// "the same SQL" is checked on the wire rather than taken on trust.
import { createServer, connect } from 'node:net';

/**
 * Starts a proxy to `target` (a postgres:// URL). Returns the URL to connect through, the
 * statements seen so far (`take()` returns and clears them) and `close()`.
 */
export async function startCapture(target) {
  const upstream = new URL(target);
  const statements = [];
  const sockets = new Set();
  const server = createServer((client) => {
    const pgSocket = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(client).add(pgSocket);
    const parsed = new Map(); // statement name -> text, per connection
    let buffer = Buffer.alloc(0);
    let started = false;
    client.on('data', (chunk) => {
      pgSocket.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          // Startup (or SSL request): a length without a type byte.
          if (buffer.length < 4) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103) started = true; // the SSL request precedes the real startup
          continue;
        }
        if (buffer.length < 5) break;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) break;
        record(buffer[0], buffer.subarray(5, length + 1), parsed, statements);
        buffer = buffer.subarray(length + 1);
      }
    });
    pgSocket.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      pgSocket.destroy();
      sockets.delete(client);
      sockets.delete(pgSocket);
    };
    client.on('close', end).on('error', end);
    pgSocket.on('close', end).on('error', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const via = new URL(target);
  via.hostname = '127.0.0.1';
  via.port = String(server.address().port);
  return {
    url: via.toString(),
    take: () => statements.splice(0, statements.length),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  };
}

const cstring = (payload, at) => {
  const end = payload.indexOf(0, at);
  return [payload.toString('utf8', at, end), end + 1];
};

function record(type, payload, parsed, statements) {
  const kind = String.fromCharCode(type);
  if (kind === 'Q') {
    statements.push({ text: cstring(payload, 0)[0], values: [], name: '' });
  } else if (kind === 'P') {
    const [name, at] = cstring(payload, 0);
    const [text] = cstring(payload, at);
    parsed.set(name, text);
  } else if (kind === 'B') {
    const [, afterPortal] = cstring(payload, 0);
    const [name, afterName] = cstring(payload, afterPortal);
    let at = afterName;
    const formats = payload.readInt16BE(at);
    at += 2 + 2 * formats;
    const count = payload.readInt16BE(at);
    at += 2;
    const values = [];
    for (let i = 0; i < count; i += 1) {
      const length = payload.readInt32BE(at);
      at += 4;
      values.push(length < 0 ? null : payload.toString('utf8', at, at + length));
      if (length > 0) at += length;
    }
    statements.push({ text: parsed.get(name) ?? `<unknown statement ${name}>`, values, name });
  }
}
