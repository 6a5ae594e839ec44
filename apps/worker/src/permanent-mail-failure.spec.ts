import { isPermanentMailFailure } from './processors';

/** nodemailer's errors as its SMTP connection formats them (code, command, responseCode). */
const smtp = (code: string, command: string, responseCode?: number) => Object.assign(new Error('x'), { code, command, responseCode });

describe('isPermanentMailFailure', () => {
  it('a 5xx to RCPT TO or DATA is this message\'s for good; everything else is retried', () => {
    expect(isPermanentMailFailure(smtp('EENVELOPE', 'RCPT TO', 550))).toBe(true);
    expect(isPermanentMailFailure(smtp('EMESSAGE', 'DATA', 554))).toBe(true);
    expect(isPermanentMailFailure(smtp('EENVELOPE', 'RCPT TO', 450))).toBe(false); // mailbox busy: try later
    expect(isPermanentMailFailure(smtp('EAUTH', 'AUTH PLAIN', 535))).toBe(false); // a rotated password is ours to fix
    expect(isPermanentMailFailure(smtp('EENVELOPE', 'MAIL FROM', 553))).toBe(false); // the sender: configuration
    expect(isPermanentMailFailure(smtp('EPROTOCOL', 'CONN', 554))).toBe(false);
    expect(isPermanentMailFailure(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBe(false);
    expect(isPermanentMailFailure(null)).toBe(false);
  });
});
