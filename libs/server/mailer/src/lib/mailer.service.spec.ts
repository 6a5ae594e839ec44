import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { APP_CONFIG } from '@rl/server-infra';
import { MailerModule } from './mailer.module';
import { MailerService, notificationMessageId, senderDomain, SMTP_TIMEOUTS, type MailerConfig } from './mailer.service';
import { renderNotification, type NotificationData } from './templates';

/** A real SMTP server on 127.0.0.1 that parses every message it accepts. */
class TestSmtp {
  readonly messages: Array<{ mail: ParsedMail; rcptTo: string[]; mailFrom: string | false; user?: string }> = [];
  private server!: SMTPServer;
  port = 0;

  async start(extra: Partial<SMTPServerOptions> = {}): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push({
              mail,
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
              user: typeof session.user === 'string' ? session.user : undefined,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
      ...extra,
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const FROM = 'Rød Løber <no-reply@rodlober.example>';

function config(port: number, extra: Partial<MailerConfig> = {}): MailerConfig {
  return { SMTP_HOST: '127.0.0.1', SMTP_PORT: port, SMTP_SECURE: false, SMTP_FROM: FROM, ...extra };
}

/** Stands in for the global InfraModule: provides APP_CONFIG only. */
@Global()
@Module({})
class ConfigStubModule {
  static with(value: MailerConfig): DynamicModule {
    return { module: ConfigStubModule, providers: [{ provide: APP_CONFIG, useValue: value }], exports: [APP_CONFIG] };
  }
}

const DATA: NotificationData = {
  caseReference: 'RL-2026-0007',
  caseTitle: 'Ny fabrik på Ærø – søværn, æblegård & høj støj',
  permitCode: 'MST-ENV',
  permitNameDa: 'Miljøgodkendelse',
  permitNameEn: 'Environmental permit',
  authorityNameDa: 'Miljøstyrelsen',
  authorityNameEn: 'Danish Environmental Protection Agency',
  dueOn: '2026-12-07',
  question: 'Hvor høj bliver skorstenen? Æ ø å.',
  link: 'https://rodlober.example/cases/7',
};

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? ''));
}

/** Resolves with the time in ms until `p` rejects; fails if it resolves. */
async function timeToReject(p: Promise<unknown>): Promise<{ ms: number; err: Error & { code?: string } }> {
  const t0 = Date.now();
  try {
    await p;
  } catch (err) {
    return { ms: Date.now() - t0, err: err as Error & { code?: string } };
  }
  throw new Error('expected a rejection');
}

/** A port nobody listens on: bind to port 0, note the port, close. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe('MailerService (real SMTP server on 127.0.0.1)', () => {
  let smtp: TestSmtp;

  beforeEach(async () => {
    smtp = await new TestSmtp().start();
  });
  afterEach(async () => {
    await smtp.stop();
  });

  it('sends the rendered notification through MailerModule; from/to/subject/text/html arrive intact in UTF-8', async () => {
    @Module({ imports: [ConfigStubModule.with(config(smtp.port)), MailerModule] })
    class AppStub {}
    const app = await NestFactory.createApplicationContext(AppStub, { logger: false });
    const mailer = app.get(MailerService);
    const close = jest.spyOn(mailer, 'onApplicationShutdown');
    try {
      const res = await mailer.send({ to: 'Anna Ærø <anna@nordlys.example>', locale: 'da', kind: 'infoRequested', data: DATA });
      expect(smtp.messages).toHaveLength(1);
      const { mail, rcptTo, mailFrom } = smtp.messages[0];
      const expected = renderNotification('infoRequested', 'da', DATA);

      expect(mailFrom).toBe('no-reply@rodlober.example');
      expect(rcptTo).toEqual(['anna@nordlys.example']);
      expect(addresses(mail.from)).toEqual(['no-reply@rodlober.example']);
      expect(mail.from?.value[0].name).toBe('Rød Løber');
      expect(addresses(mail.to)).toEqual(['anna@nordlys.example']);
      expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0].name).toBe('Anna Ærø');

      expect(mail.subject).toBe(expected.subject);
      expect(mail.subject).toContain('Miljøgodkendelse');
      expect(mail.text?.replace(/\r\n/g, '\n').trim()).toBe(expected.text.trim());
      expect(mail.text).toContain('Ny fabrik på Ærø – søværn, æblegård & høj støj');
      expect(mail.text).toContain('Hvor høj bliver skorstenen? Æ ø å.');
      expect(mail.text).toContain('7. december 2026');
      expect(mail.html).toBeTruthy();
      expect(mail.html as string).toContain('Ny fabrik på Ærø – søværn, æblegård &amp; høj støj');
      expect(mail.html as string).toContain('href="https://rodlober.example/cases/7"');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

      // Without a notification id nodemailer generates a Message-ID; it is what send() returns.
      expect(mail.messageId).toBeTruthy();
      expect(res.messageId).toBe(mail.messageId);
    } finally {
      await app.close();
    }
    expect(close).toHaveBeenCalledTimes(1); // the transport is closed on shutdown
  });

  it('sets a stable Message-ID from the notification id, identical on a retried send', async () => {
    const mailer = new MailerService(config(smtp.port));
    try {
      const id = '5f0c2a5e-6a5b-4c1e-9d59-0f8a3b1e2c77';
      const first = await mailer.send({ to: 'cw.mst@mst.example', locale: 'en', kind: 'taskRouted', data: DATA, messageId: id });
      const retry = await mailer.send({ to: 'cw.mst@mst.example', locale: 'en', kind: 'taskRouted', data: DATA, messageId: id });
      const other = await mailer.send({ to: 'cw.mst@mst.example', locale: 'en', kind: 'taskRouted', data: DATA, messageId: '42' });

      const expected = `<notification-${id}@rodlober.example>`;
      expect(first.messageId).toBe(expected);
      expect(retry.messageId).toBe(expected);
      expect(other.messageId).toBe('<notification-42@rodlober.example>');
      expect(smtp.messages.map((m) => m.mail.messageId)).toEqual([expected, expected, '<notification-42@rodlober.example>']);
      expect(smtp.messages[0].mail.subject).toBe('RL-2026-0007: New task: Environmental permit');
      expect(smtp.messages[0].mail.html as string).toContain('<html lang="en">');
    } finally {
      mailer.onApplicationShutdown();
    }
  });

  it('verify() succeeds against a live server', async () => {
    const mailer = new MailerService(config(smtp.port));
    try {
      await expect(mailer.verify()).resolves.toBeUndefined();
    } finally {
      mailer.onApplicationShutdown();
    }
  });

  it('authenticates when SMTP_USER is set', async () => {
    const authed = new TestSmtp();
    const seen: Array<{ user?: string | null; pass?: string | null }> = [];
    await authed.start({
      allowInsecureAuth: true, // plain TCP on loopback in the test only
      onAuth: (auth, _session, callback) => {
        seen.push({ user: auth.username, pass: auth.password });
        if (auth.username === 'mailer' && auth.password === 'hemmeligt-æøå') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
    });
    const good = new MailerService(config(authed.port, { SMTP_USER: 'mailer', SMTP_PASSWORD: 'hemmeligt-æøå' }));
    const bad = new MailerService(config(authed.port, { SMTP_USER: 'mailer', SMTP_PASSWORD: 'forkert' }));
    try {
      await good.send({ to: 'coordinator@erst.example', locale: 'da', kind: 'escalation', data: DATA });
      expect(seen[0]).toEqual({ user: 'mailer', pass: 'hemmeligt-æøå' });
      expect(authed.messages[0].user).toBe('mailer');
      await expect(bad.verify()).rejects.toThrow();
    } finally {
      good.onApplicationShutdown();
      bad.onApplicationShutdown();
      await authed.stop();
    }
  });
});

describe('MailerService failures (so the queue retries)', () => {
  it('uses short SMTP timeouts', () => {
    expect(SMTP_TIMEOUTS.connectionTimeout).toBe(5_000);
    expect(SMTP_TIMEOUTS.socketTimeout).toBe(10_000);
    expect(SMTP_TIMEOUTS.greetingTimeout).toBeLessThanOrEqual(5_000);
  });

  it('rejects promptly when nothing listens on the SMTP port', async () => {
    const mailer = new MailerService(config(await closedPort()));
    try {
      const { ms, err } = await timeToReject(mailer.send({ to: 'anna@nordlys.example', locale: 'da', kind: 'caseSubmitted', data: DATA }));
      expect(['ESOCKET', 'ECONNECTION']).toContain(err.code);
      expect(err.message).toMatch(/ECONNREFUSED/);
      expect(ms).toBeLessThan(SMTP_TIMEOUTS.connectionTimeout);
      await expect(mailer.verify()).rejects.toThrow();
    } finally {
      mailer.onApplicationShutdown();
    }
  });

  it('rejects within the greeting timeout when the server accepts TCP but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const mailer = new MailerService(config((silent.address() as AddressInfo).port));
    try {
      const { ms, err } = await timeToReject(mailer.send({ to: 'anna@nordlys.example', locale: 'da', kind: 'caseSubmitted', data: DATA }));
      expect(err.code).toBe('ETIMEDOUT');
      expect(ms).toBeGreaterThanOrEqual(SMTP_TIMEOUTS.greetingTimeout - 500);
      expect(ms).toBeLessThan(SMTP_TIMEOUTS.greetingTimeout + 3_000);
    } finally {
      mailer.onApplicationShutdown();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 15_000);
});

describe('Message-ID helpers', () => {
  it('uses safe ids as is and hashes anything else deterministically', () => {
    expect(notificationMessageId('abc-123')).toBe('<notification-abc-123@rodlober.example>');
    expect(notificationMessageId('17', 'kommune.example')).toBe('<notification-17@kommune.example>');
    const odd = notificationMessageId('a b>\r\n<c');
    expect(odd).toMatch(/^<notification-[0-9a-f]{64}@rodlober\.example>$/);
    expect(notificationMessageId('a b>\r\n<c')).toBe(odd);
    expect(notificationMessageId('a b>\r\n<d')).not.toBe(odd);
  });

  it('takes the domain from SMTP_FROM', () => {
    expect(senderDomain('Rød Løber <no-reply@rodlober.example>')).toBe('rodlober.example');
    expect(senderDomain('noreply@Erhvervsstyrelsen.DK')).toBe('erhvervsstyrelsen.dk');
    expect(senderDomain('not an address')).toBe('rodlober.example');
  });
});
