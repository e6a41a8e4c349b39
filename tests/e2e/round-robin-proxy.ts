import { Agent, createServer, IncomingHttpHeaders, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Headers of one connection only (RFC 9110 §7.6.1): never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
  );
}

/** One forwarded request: which instance (0, 1, …) answered it, and how. */
export interface Forwarded {
  instance: number;
  method: string;
  path: string;
  status: number;
}

/**
 * A reverse proxy like the one in front of Mend in production (Caddy in docker/compose.yml),
 * small enough to read: every request goes to the next instance in turn, bodies stream both
 * ways, and X-Forwarded-For is set to the address the proxy sees (whatever the client sent in
 * it is dropped), which the instances believe because TRUST_PROXY names this proxy. Each
 * answer says which instance gave it (`X-Served-By`), and `forwarded` keeps the record.
 */
export class RoundRobinProxy {
  readonly forwarded: Forwarded[] = [];
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true });
  private readonly server: Server;

  constructor(private readonly instances: URL[]) {
    this.server = createServer((req, res) => {
      const client = req.socket.remoteAddress;
      if (!client) return void res.destroy(); // the client is gone already
      const instance = this.next;
      this.next = (this.next + 1) % this.instances.length;
      const target = this.instances[instance];
      const record: Forwarded = {
        instance,
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0],
        status: 502,
      };
      this.forwarded.push(record);
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...endToEnd(req.headers), 'x-forwarded-for': client },
          agent: this.agent,
        },
        (answer) => {
          record.status = answer.statusCode ?? 502;
          res.writeHead(record.status, {
            ...endToEnd(answer.headers),
            'x-served-by': String(instance + 1),
          });
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      // A browser that gives up on a request closes its side: so does the proxy.
      res.on('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      req.pipe(upstream);
    });
  }

  /** Listens on `host` at a free port; returns the port. */
  async listen(host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, host, resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** How many requests each instance answered. */
  served(): number[] {
    return this.instances.map((_, i) => this.forwarded.filter((f) => f.instance === i).length);
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
