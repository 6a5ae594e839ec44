import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { statusForCode, titleForStatus } from './error-status';

/** x-request-id values we adopt from a client: short and free of anything a log or header could misread. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Node's parser errors (before any request object exists) → our problem codes. */
function codeFor(err: NodeJS.ErrnoException): string {
  if (err.code === 'HPE_HEADER_OVERFLOW') return 'REQUEST.HEADERS_TOO_LARGE';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST.TIMEOUT';
  return 'REQUEST.MALFORMED';
}

const DETAIL: Record<string, string> = {
  'REQUEST.HEADERS_TOO_LARGE': 'The request headers are larger than the server accepts (16 KB).',
  'REQUEST.TIMEOUT': 'The request was not received completely in time.',
  'REQUEST.MALFORMED': 'The request is not valid HTTP.',
};

/**
 * Errors Node's HTTP parser raises before Express sees a request (oversized headers, a request
 * not completed within the deadline, garbage) would get Node's bare status line: answer them as
 * problem+json too, then close the connection (its state is unknown).
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const code = codeFor(err);
  const status = statusForCode(code);
  const body = JSON.stringify({ type: `urn:rod-lober:problem:${code}`, title: titleForStatus(status), status, code, detail: DETAIL[code] });
  socket.end(
    `HTTP/1.1 ${status} ${titleForStatus(status)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
  // end() flushes; a client that never reads must not keep the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * Deadlines for slow clients: a whole request (headers and body) must arrive within
 * `requestTimeoutMs` (Node's default is 300 s, so a slow body held a connection ~5 minutes).
 * Node checks the deadlines every `connectionsCheckingInterval`; it is read when the server
 * starts listening, so it is set here, before listen.
 */
export function hardenHttpServer(server: Server, opts: { requestTimeoutMs: number }): void {
  server.requestTimeout = opts.requestTimeoutMs;
  server.headersTimeout = Math.min(opts.requestTimeoutMs, 20_000);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(5_000, Math.max(50, Math.floor(opts.requestTimeoutMs / 4)));
  server.on('clientError', clientErrorHandler);
}
