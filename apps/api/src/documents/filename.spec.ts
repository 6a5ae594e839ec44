import { attachmentDisposition, sanitizeFilename } from './filename';

describe('sanitizeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\anna\\ansøgning.pdf', 'ansøgning.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  a\u0000b\nc  d.txt ', 'abc d.txt'],
    ['.htaccess', 'htaccess'],
    ['', 'document'],
    [undefined, 'document'],
    ['/', 'document'],
  ])('%j → %j', (raw, clean) => {
    expect(sanitizeFilename(raw)).toBe(clean);
  });

  it('shortens long names but keeps the extension', () => {
    const s = sanitizeFilename(`${'x'.repeat(300)}.pdf`);
    expect(s).toHaveLength(200);
    expect(s.endsWith('.pdf')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and an RFC 8187 UTF-8 name', () => {
    expect(attachmentDisposition('Miljø "plan"; v2.pdf')).toBe(
      `attachment; filename="Milj_ _plan__ v2.pdf"; filename*=UTF-8''Milj%C3%B8%20%22plan%22%3B%20v2.pdf`,
    );
    expect(attachmentDisposition('é.txt')).toBe(`attachment; filename="e.txt"; filename*=UTF-8''%C3%A9.txt`);
  });
});
