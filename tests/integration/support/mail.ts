import { simpleParser, type ParsedMail } from 'mailparser';
import { startSmtpSink, type SmtpSink } from '../../../scripts/lib/harness';

/**
 * An in-process SMTP server (the harness sink) that records every accepted message: the real
 * nodemailer transport talks real SMTP to it (no mock of nodemailer). `delayMs` holds each DATA
 * reply, to kill a worker in the middle of a send; like a real MTA, a message whose client went
 * away before the reply is not accepted.
 */
export class MailCatcher {
  readonly messages: ParsedMail[] = [];
  delayMs = 0;
  private sink?: SmtpSink;
  port = 0;

  async start(): Promise<void> {
    this.sink = await startSmtpSink({
      delayMs: () => this.delayMs,
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
