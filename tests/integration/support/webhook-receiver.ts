import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver accepted (signature verified with the `standardwebhooks` library). */
export interface Received {
  path: string;
  webhookId: string;
  /** CloudEvent id and type from the verified body. */
  eventId: string;
  type: string;
  data: Record<string, unknown>;
}

type Behaviour = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/**
 * A real HTTP receiver in the test process. Each path has a behaviour (ok, 500, 410, redirect,
 * slow, huge body, down) and the secrets it verifies with; a request whose signature does not
 * verify with any of them is answered 401 and counted in `rejected`.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  readonly rejected: { path: string; error: string }[] = [];
  /** Every request that reached the server, verified or not. */
  readonly hits: { path: string; webhookId: string }[] = [];
  private readonly secrets = new Map<string, string[]>();
  private readonly behaviours = new Map<string, Behaviour>();
  private server?: Server;
  port = 0;

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  verifyWith(path: string, ...secrets: string[]): void {
    this.secrets.set(path, secrets);
  }

  on(path: string, behaviour: Behaviour): void {
    this.behaviours.set(path, behaviour);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Starts listening (again: on the same port after `stop()`, to end an outage). */
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        this.hits.push({ path, webhookId: String(req.headers['webhook-id'] ?? '') });
        const behaviour = this.behaviours.get(path) ?? ((_q, s) => void s.writeHead(204).end());
        const secrets = this.secrets.get(path) ?? [];
        type Verified = { id: string; type: string; data: Record<string, unknown> };
        let verified: Verified | null = null;
        let lastError = 'no secret';
        for (const s of secrets) {
          try {
            verified = new Webhook(s).verify(body, req.headers as Record<string, string>) as Verified;
            break;
          } catch (e) {
            lastError = (e as Error).message;
          }
        }
        if (!verified) {
          this.rejected.push({ path, error: lastError });
          res.writeHead(401).end();
          return;
        }
        const event: Verified = verified;
        void Promise.resolve(behaviour(req, res, body)).then(() => {
          if (res.statusCode >= 200 && res.statusCode < 300) {
            this.received.push({ path, webhookId: String(req.headers['webhook-id']), eventId: event.id, type: event.type, data: event.data });
          }
        });
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
