import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { renderProxyInvitation, type ProxyInvitationData } from './invitation';
import { renderDigest, type DigestItem } from './preferences';
import { renderNotification, type NotificationData, type NotificationKind, type NotificationLocale } from './templates';
import { FileDropTransport, type NotificationTransport, type OutgoingMessage } from './transport';

/** The part of the application config the mailer reads. */
export type MailerConfig = Pick<AppConfig, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM'> &
  Partial<Pick<AppConfig, 'NOTIFICATION_TRANSPORT' | 'FILE_DROP_DIR'>>;

/** One notification e-mail to send. */
export interface SendNotificationInput {
  /** Recipient address, e.g. `anna@nordlys.example` or `Anna <anna@nordlys.example>`. */
  to: string;
  locale: NotificationLocale;
  kind: NotificationKind;
  data: NotificationData;
  /**
   * Stable id of the notification (e.g. the outbox/notification row id). When given, the
   * e-mail gets the Message-ID `<notification-<id>@<from-domain>>`, so a retried send is
   * recognisably the same message.
   */
  messageId?: string;
  /** Files to attach (the decision letter's PDF, issue 15). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * SMTP timeouts, kept short so a dead mail server fails the job quickly and the queue
 * retries it with back-off, instead of a worker slot hanging for minutes.
 */
export const SMTP_TIMEOUTS = {
  /** TCP (and TLS) connect. */
  connectionTimeout: 5_000,
  /** From connect to the server's 220 greeting. */
  greetingTimeout: 5_000,
  /** Inactivity on an open connection. */
  socketTimeout: 10_000,
  /** Resolving SMTP_HOST. */
  dnsTimeout: 5_000,
} as const;

/** SMTP connection pool: connections at most, and messages per connection before it is renewed. */
export const SMTP_POOL = { maxConnections: 4, maxMessagesPerConnection: 100 } as const;

const DEFAULT_MESSAGE_ID_DOMAIN = 'rodlober.example';

/** The domain of the sender address in `SMTP_FROM` ("Name <user@domain>" or "user@domain"). */
export function senderDomain(from: string): string {
  const m = /@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)\s*>?\s*$/.exec(from.trim());
  return m ? m[1].toLowerCase() : DEFAULT_MESSAGE_ID_DOMAIN;
}

/**
 * The stable Message-ID for a notification id: `<notification-<id>@<domain>>`. Ids made of
 * letters, digits, `.`, `_` and `-` (UUIDs, numbers) are used as is; anything else is replaced
 * by its SHA-256 so the header stays valid and still deterministic.
 */
export function notificationMessageId(id: string, domain: string = DEFAULT_MESSAGE_ID_DOMAIN): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) ? id : createHash('sha256').update(id, 'utf8').digest('hex');
  return `<notification-${safe}@${domain}>`;
}

/**
 * Sends notification e-mails over SMTP (nodemailer), configured from `SMTP_*` in AppConfig.
 * A failed send rejects (connection refused, timeout, recipient rejected …); the caller — the
 * notifications worker — lets the queue retry it.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;
  private readonly from: string;
  private readonly messageIdDomain: string;

  /** Where messages go (NOTIFICATION_TRANSPORT): SMTP, the file drop, or both. */
  private readonly transports: NotificationTransport[];

  constructor(@Inject(APP_CONFIG) config: MailerConfig) {
    this.from = config.SMTP_FROM;
    this.messageIdDomain = senderDomain(config.SMTP_FROM);
    // Pooled: a few SMTP connections reused for many messages. A connection (TCP, greeting, EHLO,
    // AUTH) per e-mail cost the worker and the mail server more than the message itself.
    this.transporter = createTransport({
      pool: true,
      maxConnections: SMTP_POOL.maxConnections,
      maxMessages: SMTP_POOL.maxMessagesPerConnection,
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } } : {}),
      ...SMTP_TIMEOUTS,
    });
    const mode = config.NOTIFICATION_TRANSPORT ?? 'smtp';
    const fileDrop = () => new FileDropTransport(config.FILE_DROP_DIR ?? '.data/message-drop');
    this.transports = mode === 'file-drop' ? [fileDrop()] : mode === 'smtp+file-drop' ? [this.smtpTransport(), fileDrop()] : [this.smtpTransport()];
  }

  /** Names of the transports in use (for start-up logs and health). */
  get transportNames(): string[] {
    return this.transports.map((t) => t.name);
  }

  /**
   * Renders the notification (see `renderNotification`) and sends it.
   *
   * @returns the Message-ID of the sent e-mail (the stable one when `input.messageId` is given)
   * @throws when the SMTP server is unreachable, times out or refuses the message
   */
  async send(input: SendNotificationInput): Promise<{ messageId: string }> {
    const { subject, text, html } = renderNotification(input.kind, input.locale, input.data);
    const notificationId = input.messageId ?? createHash('sha256').update(`${input.to}|${input.kind}|${subject}`).digest('hex').slice(0, 32);
    const message: OutgoingMessage = {
      notificationId,
      messageId: notificationMessageId(notificationId, this.messageIdDomain),
      recipient: { address: input.to },
      from: this.from,
      kind: input.kind,
      locale: input.locale,
      subject,
      text,
      html,
      data: input.data,
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    };
    // Every configured transport must take it; a failure rejects and the queue retries (each
    // transport is idempotent per notification id).
    return this.deliverAll(message);
  }

  /** The SMTP transport: nodemailer with the stable Message-ID. */
  private smtpTransport(): NotificationTransport {
    return {
      name: 'smtp',
      deliver: async (m) => {
        // Composed in memory, then sent as one buffer. Streamed by nodemailer, every MIME part
        // (headers, each boundary, the text and the HTML part) was its own write to the SMTP
        // socket, a system call each: the worker's largest cost per e-mail (issue 20 item 2).
        // The bytes are the same; only how they reach the socket changes.
        const composed = new MailComposer({
          from: m.from,
          to: m.recipient.address,
          subject: m.subject,
          text: m.text,
          html: m.html,
          // RFC 3834: tells auto-responders (out-of-office) not to reply to a notification.
          headers: { 'Auto-Submitted': 'auto-generated' },
          messageId: m.messageId,
          ...(m.attachments?.length ? { attachments: m.attachments } : {}),
        }).compile();
        await this.transporter.sendMail({ envelope: composed.getEnvelope(), raw: await composed.build() });
        return { reference: m.messageId };
      },
    };
  }

  /**
   * Sends a fuldmagt invitation to an address that may not belong to a user yet (issue 14
   * point 6); the API sends it right after the grant is stored.
   */
  async sendInvitation(to: string, locale: NotificationLocale, data: ProxyInvitationData): Promise<{ messageId: string }> {
    const { subject, text, html } = renderProxyInvitation(locale, data);
    // Stable per invitation (its one-time link): a resend is the same message, not a second one.
    const id = `invitation-${createHash('sha256').update(`${to}|${data.acceptLink}`).digest('hex').slice(0, 32)}`;
    return this.deliverAll({ kind: 'proxyInvitation', data, notificationId: id, messageId: notificationMessageId(id, this.messageIdDomain), recipient: { address: to }, from: this.from, locale, subject, text, html });
  }

  /**
   * Sends one user's daily digest (see `renderDigest`): one e-mail listing the notifications the
   * user chose to receive as a digest. `messageId` makes a retried digest the same message.
   */
  async sendDigest(input: { to: string; locale: NotificationLocale; items: readonly DigestItem[]; more?: number; messageId: string }): Promise<{ messageId: string }> {
    const { subject, text, html } = renderDigest(input.locale, input.items, input.more ?? 0);
    const items = input.items.map((i) => ({ subject: i.subject, createdAt: i.createdAt.toISOString() }));
    return this.deliverAll({ kind: 'digest', data: { items, more: input.more ?? 0 }, notificationId: input.messageId, messageId: notificationMessageId(input.messageId, this.messageIdDomain), recipient: { address: input.to }, from: this.from, locale: input.locale, subject, text, html });
  }

  /** Every configured transport must take the message (NOTIFICATION_TRANSPORT: smtp, file-drop or both), as for notifications. */
  private async deliverAll(message: OutgoingMessage): Promise<{ messageId: string }> {
    for (const t of this.transports) await t.deliver(message);
    return { messageId: message.messageId };
  }

  /**
   * Connects and, when `SMTP_USER` is set, authenticates against the SMTP server without
   * sending anything. For health checks and start-up diagnostics.
   *
   * @throws when the server cannot be reached or refuses the credentials
   */
  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  /** Releases the transport (open connections, timers). Called by Nest on shutdown. */
  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
