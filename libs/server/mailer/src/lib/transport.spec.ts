import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDropTransport, type OutgoingMessage } from './transport';

const message: OutgoingMessage = {
  notificationId: '42',
  messageId: '<notification-42@rodlober.example>',
  recipient: { address: 'anna@nordlys.example' },
  from: 'Rød Løber <noreply@rodlober.example>',
  kind: 'decisionIssued',
  locale: 'da',
  subject: 'Afgørelse',
  text: 'Tekst',
  html: '<p>Tekst</p>',
  data: { caseReference: 'RL-2026-000001', caseTitle: 'Udvidelse' },
};

describe('FileDropTransport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rl-drop-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes one structured file per message, with its metadata, and a retry replaces it', async () => {
    const t = new FileDropTransport(join(dir, 'out'), () => new Date('2026-03-02T09:00:00Z'));
    const { reference } = await t.deliver(message);
    await t.deliver(message);
    expect(await readdir(join(dir, 'out'))).toEqual(['notification-42.json']);
    expect(JSON.parse(await readFile(reference, 'utf8'))).toEqual({
      version: 2,
      type: 'dk.roedloeber.notification',
      messageId: message.messageId,
      notificationId: '42',
      writtenAt: '2026-03-02T09:00:00.000Z',
      from: message.from,
      recipient: message.recipient,
      kind: 'decisionIssued',
      locale: 'da',
      subject: 'Afgørelse',
      body: { text: 'Tekst', html: '<p>Tekst</p>' },
      attachments: [],
      data: { caseReference: 'RL-2026-000001', caseTitle: 'Udvidelse' },
    });
  });

  it('never lets an id escape the drop folder', async () => {
    const t = new FileDropTransport(dir);
    const { reference } = await t.deliver({ ...message, notificationId: '../../etc/x' });
    expect(reference.startsWith(dir)).toBe(true);
    expect(await readdir(dir)).toEqual(['notification-.._.._etc_x.json']);
  });
});
