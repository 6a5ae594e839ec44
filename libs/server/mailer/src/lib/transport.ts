import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProxyInvitationData } from './invitation';
import type { NotificationData, NotificationKind, NotificationLocale } from './templates';

/** What a message is and the data a gateway that renders itself needs: a notification, a user's daily digest, or a fuldmagt invitation. */
export type OutgoingContent =
  | { kind: NotificationKind; data: NotificationData }
  | { kind: 'digest'; data: { items: { subject: string; createdAt: string }[]; more: number } }
  | { kind: 'proxyInvitation'; data: ProxyInvitationData };

/**
 * One rendered notification on its way out, whatever carries it (issue 18 item 4: Digital Post
 * readiness). A transport gets the message and its metadata; the notifications worker does not
 * know whether it becomes an e-mail or a file for a gateway.
 */
export type OutgoingMessage = OutgoingContent & {
  /** The notification row's id (a digest's or an invitation's own stable id): stable across retries (Message-ID, file name). */
  notificationId: string;
  /** The stable Message-ID (`<notification-<id>@<domain>>`). */
  messageId: string;
  recipient: { address: string; userId?: string };
  from: string;
  locale: NotificationLocale;
  subject: string;
  text: string;
  html: string;
  /** Files that go with the message (the decision letter's PDF, issue 15). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

export interface NotificationTransport {
  readonly name: string;
  /** Delivers or throws (the worker's queue retries). Idempotent per `notificationId`. */
  deliver(message: OutgoingMessage): Promise<{ reference: string }>;
  close?(): Promise<void> | void;
}

/** Version of the structured message file (bump when its shape changes). 2: a digest's `data.more` (2026-12-02). */
export const MESSAGE_FILE_VERSION = 2;

/**
 * A stand-in for a Digital Post gateway: each message becomes one structured JSON file with its
 * metadata in `dir` (a shared folder a gateway or an ESDH import job picks up). Written to a
 * temporary name and renamed, so a reader never sees half a file; the name is the notification
 * id, so a retry overwrites the same message instead of adding one.
 */
export class FileDropTransport implements NotificationTransport {
  readonly name = 'file-drop';

  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async deliver(m: OutgoingMessage): Promise<{ reference: string }> {
    await mkdir(this.dir, { recursive: true });
    const safe = m.notificationId.replace(/[^A-Za-z0-9._-]/g, '_');
    const file = join(this.dir, `notification-${safe}.json`);
    const body = {
      version: MESSAGE_FILE_VERSION,
      type: 'dk.roedloeber.notification',
      messageId: m.messageId,
      notificationId: m.notificationId,
      writtenAt: this.now().toISOString(),
      from: m.from,
      recipient: m.recipient,
      kind: m.kind,
      locale: m.locale,
      subject: m.subject,
      body: { text: m.text, html: m.html },
      data: m.data,
      // A gateway gets the attachments inside the message file (base64, with their SHA-256 to check).
      attachments: (m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, sizeBytes: a.content.length, sha256: createHash('sha256').update(a.content).digest('hex'), contentBase64: a.content.toString('base64') })),
    };
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`, { encoding: 'utf8', mode: 0o640 });
    await rename(tmp, file);
    return { reference: file };
  }
}
