import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * An in-process SMTP server that records every accepted message: the real nodemailer transport
 * talks real SMTP to it (no mock of nodemailer). `delayMs` holds each DATA reply, to kill a
 * worker in the middle of a send.
 */
export class MailCatcher {
  readonly messages: ParsedMail[] = [];
  delayMs = 0;
  private server!: SMTPServer;
  /** Sessions whose client went away: like a real MTA, their message is not accepted. */
  private closed = new Set<string>();
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onClose: (session) => {
        this.closed.add(session.id);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
            if (this.closed.has(session.id)) return callback(new Error('client disconnected before the message was accepted'));
            this.messages.push(mail);
            callback();
          })
          .catch((e) => callback(e));
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  to(address: string): ParsedMail[] {
    return this.messages.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((t) => t.value.some((v) => v.address === address));
    });
  }
}
