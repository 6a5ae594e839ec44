import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../../../scripts/lib/harness';
import { TestApi } from './http';

/**
 * An in-process SMTP server (the harness sink) that records every accepted message: the real
 * nodemailer transport talks real SMTP to it (no mock of nodemailer). `delayMs` holds each DATA
 * reply, to kill a worker in the middle of a send; like a real MTA, a message whose client went
 * away before the reply is not accepted.
 */
export class MailCatcher {
  readonly messages: ParsedMail[] = [];
  delayMs = 0;
  /** Addresses whose RCPT TO the sink answers 550 (a mailbox that no longer exists). */
  readonly refused = new Set<string>();
  private sink?: SmtpSink;
  port = 0;

  async start(): Promise<void> {
    this.sink = await startSmtpSink({
      delayMs: () => this.delayMs,
      rejectRecipient: (address) => this.refused.has(address),
      onMessage: async (raw) => {
        this.messages.push(await simpleParser(raw));
      },
    });
    this.port = this.sink.port;
  }

  async stop(): Promise<void> {
    await this.sink?.close();
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((t) => t.value.some((v) => v.address === address));
    });
  }
}

/**
 * A mail scenario: the API in process with its e-mail going to a MailCatcher, one BullMQ queue on
 * the test Redis to inspect, and no mail backlog. Other test files leave mail they never sent (no
 * worker ran for them); that backlog is not part of the scenario, so it starts from a clean slate.
 */
export class MailScenario {
  readonly mail = new MailCatcher();
  api!: TestApi;
  redis!: Redis;
  queue!: Queue;

  constructor(private readonly queueName: string) {}

  /** SMTP settings that point a worker at the catcher. */
  get smtpEnv(): { SMTP_HOST: string; SMTP_PORT: string } {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.mail.port) };
  }

  async start(): Promise<this> {
    await this.mail.start();
    this.api = await TestApi.start(this.smtpEnv);
    this.redis = new Redis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    this.queue = new Queue(this.queueName, { connection: this.redis });
    await this.api.ds.query(`UPDATE notifications SET email_status = 'none' WHERE email_status = 'pending'`);
    await this.api.ds.query(`UPDATE outbox SET sent_at = now() WHERE sent_at IS NULL`);
    return this;
  }

  async stop(): Promise<void> {
    await this.queue?.close();
    await this.redis?.quit();
    await this.api?.stop();
    await this.mail.stop();
  }
}
