import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { createTransport } from 'nodemailer';
import { freePort, startSmtpSink, stopChild, waitHttpOk, withRedis } from './harness';

/** The shared process harness of scripts/ and the test supports, against real sockets (no services needed). */
describe('scripts/lib/harness', () => {
  const listen = (server: net.Server | Server, port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  const close = (server: net.Server | Server) => new Promise<void>((resolve) => server.close(() => resolve()));

  it('freePort gives the preferred port when it is free and another one when it is taken', async () => {
    const port = await freePort();
    expect(await freePort(port)).toBe(port);
    const taken = net.createServer();
    await listen(taken, port);
    try {
      const other = await freePort(port);
      expect(other).not.toBe(port);
      expect(other).toBeGreaterThan(0);
    } finally {
      await close(taken);
    }
  });

  it('waitHttpOk waits for a 2xx, and gives up at once when the process behind it is dead', async () => {
    let ready = false;
    const server = createServer((_req, res) => {
      res.statusCode = ready ? 200 : 503;
      res.end();
    });
    const port = await listen(server);
    try {
      setTimeout(() => (ready = true), 300);
      expect(await waitHttpOk(`http://127.0.0.1:${port}/`, { timeoutMs: 5_000, intervalMs: 50 })).toBe(true);
      ready = false;
      const t = Date.now();
      expect(await waitHttpOk(`http://127.0.0.1:${port}/`, { timeoutMs: 5_000, isDead: () => true })).toBe(false);
      expect(Date.now() - t).toBeLessThan(1_000);
      expect(await waitHttpOk(`http://127.0.0.1:${port}/`, { timeoutMs: 300, intervalMs: 50 })).toBe(false);
    } finally {
      await close(server);
    }
  });

  it('startSmtpSink accepts real SMTP from nodemailer and hands each message over', async () => {
    const seen: string[] = [];
    const sink = await startSmtpSink({ onMessage: (raw) => void seen.push(raw.toString('utf8')) });
    try {
      const transport = createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
      await transport.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'Harness sink', text: 'hello', messageId: '<harness-1@example.test>' });
      expect(sink.received()).toBe(1);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^Subject: Harness sink/m);
      expect(seen[0]).toMatch(/^Message-ID: <harness-1@example.test>/im);
    } finally {
      await sink.close();
    }
  });

  it('startSmtpSink refuses a message its handler rejects, so the sender sees the failure', async () => {
    const sink = await startSmtpSink({
      onMessage: () => {
        throw new Error('no thanks');
      },
    });
    try {
      const transport = createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
      await expect(transport.sendMail({ from: 'a@example.test', to: 'b@example.test', subject: 'x', text: 'y' })).rejects.toThrow(/no thanks/);
      expect(sink.received()).toBe(0);
    } finally {
      await sink.close();
    }
  });

  it('withRedis fails fast when nothing listens', async () => {
    const port = await freePort();
    const t = Date.now();
    await expect(withRedis({ port }, (r) => r.ping(), 500)).rejects.toThrow();
    expect(Date.now() - t).toBeLessThan(3_000);
  });

  it('stopChild ends a child that ignores SIGTERM with SIGKILL after the grace period', async () => {
    const stubborn = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); console.log('up')"], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((r) => stubborn.stdout.once('data', r));
    const t = Date.now();
    await stopChild(stubborn, 'SIGTERM', 300);
    expect(Date.now() - t).toBeGreaterThanOrEqual(250);
    await new Promise((r) => (stubborn.exitCode !== null || stubborn.signalCode !== null ? r(null) : stubborn.once('exit', r)));
    expect(stubborn.signalCode).toBe('SIGKILL');
    await expect(stopChild(stubborn)).resolves.toBeUndefined(); // already gone: resolves at once
  });
});
