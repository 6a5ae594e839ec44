import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { guardedLookup, type UrlPolicy } from './url-policy';

export interface PostResult {
  /** The HTTP status, or null when no response arrived (connect error, timeout, refused target). */
  statusCode: number | null;
  latencyMs: number;
  /** Why there was no (usable) response. */
  error: string | null;
  /** The first bytes of the response body (never more than the cap). */
  bodySample: string;
}

export interface PostOptions extends UrlPolicy {
  timeoutMs: number;
  /** Bytes of the response body read at most; the rest is not read (the socket is closed). */
  maxResponseBytes: number;
}

/**
 * Keep-alive agents: a fan-out sends many deliveries to the same few receivers, and a TCP (and
 * TLS) handshake per delivery would cost more than the request. A pooled socket was connected to
 * an address the guarded lookup accepted, so reusing it keeps the SSRF guarantee.
 */
const AGENTS = { http: new HttpAgent({ keepAlive: true, maxSockets: 64 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }) };

/**
 * One POST, the safe way for a URL someone else chose: the connection goes to an address the
 * guarded lookup accepted, redirects are NOT followed (3xx is just a failed attempt), the whole
 * exchange is bounded by `timeoutMs`, and at most `maxResponseBytes` of the answer are read.
 */
export function postOnce(url: URL, headers: Record<string, string>, body: string, opts: PostOptions): Promise<PostResult> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: Omit<PostResult, 'latencyMs'>, atLeastMs = 0) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, latencyMs: Math.max(elapsed(), atLeastMs) });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(opts) as never,
        agent: url.protocol === 'https:' ? AGENTS.https : AGENTS.http,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => done({ statusCode: res.statusCode ?? null, error: null, bodySample: Buffer.concat(chunks).toString('utf8').slice(0, 512) });
        res.on('data', (c: Buffer) => {
          if (size < opts.maxResponseBytes) chunks.push(c.subarray(0, opts.maxResponseBytes - size));
          size += c.length;
          // A huge answer is not our business: stop reading, keep the status.
          if (size >= opts.maxResponseBytes) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', () => finish());
      },
    );
    const timer = setTimeout(() => {
      // The timer runs on the event loop's clock, which can be a millisecond behind the one
      // `started` read: a timed-out attempt lasted the whole timeout, so say so.
      done({ statusCode: null, error: `timeout after ${opts.timeoutMs} ms`, bodySample: '' }, opts.timeoutMs);
      req.destroy();
    }, opts.timeoutMs);
    req.on('error', (e: Error & { code?: string }) => done({ statusCode: null, error: e.code ? `${e.code}: ${e.message}` : e.message, bodySample: '' }));
    req.end(body);
  });
}
