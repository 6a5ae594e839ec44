import { deflateRawSync } from 'node:zlib';
import { detectDocumentType, extensionOf, readZipDirectory, ZIP_MAX_UNCOMPRESSED_BYTES } from './file-type';
import * as zlib from 'node:zlib';

// inflateRawSync wrapped (still the real one) so the test can see the cap it is given.
jest.mock('node:zlib', () => {
  const actual = jest.requireActual<typeof import('node:zlib')>('node:zlib');
  return { ...actual, inflateRawSync: jest.fn(actual.inflateRawSync) };
});

/**
 * A minimal ZIP, entries stored or (deflate: true) deflated; CRCs are left 0, the detector does
 * not read them. `declaredSize` is what the central directory claims the entry inflates to.
 */
function makeZip(entries: { name: string; data?: string | Buffer; declaredSize?: number; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const plain = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
    const data = e.deflate ? deflateRawSync(plain) : plain;
    const method = e.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.declaredSize ?? plain.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.declaredSize ?? plain.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0]);
const GIF = bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0]);
const GIF87 = bytes('GIF87a', [1, 0, 1, 0, 0, 0, 0]);
const TIFF_LE = bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]);
const TIFF_BE = bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
const DOCX = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: '_rels/.rels' }, { name: 'word/document.xml', data: '<w:document/>' }]);
const XLSX = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]);
const ODT = makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: '<office:document-content/>' }]);
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0], 'This program cannot be run in DOS mode.');
const ELF = bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('detectDocumentType', () => {
  it.each([
    ['report.pdf', PDF, 'pdf', 'application/pdf'],
    ['Plan.PDF', PDF, 'pdf', 'application/pdf'],
    ['map.png', PNG, 'png', 'image/png'],
    ['photo.jpg', JPEG, 'jpeg', 'image/jpeg'],
    ['photo.jpeg', JPEG, 'jpeg', 'image/jpeg'],
    ['anim.gif', GIF, 'gif', 'image/gif'],
    ['old.gif', GIF87, 'gif', 'image/gif'],
    ['scan.tif', TIFF_LE, 'tiff', 'image/tiff'],
    ['scan.tiff', TIFF_BE, 'tiff', 'image/tiff'],
    ['ansøgning.docx', DOCX, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['budget.xlsx', XLSX, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['notat.odt', ODT, 'odt', 'application/vnd.oasis.opendocument.text'],
    ['notes.txt', Buffer.from('Miljøgodkendelse – bilag 1\r\nLinje 2\tmed tab\n', 'utf8'), 'txt', 'text/plain; charset=utf-8'],
    ['data.csv', Buffer.from('\uFEFFcvr;navn\n10000001;Nordlys Pharma A/S\n', 'utf8'), 'csv', 'text/csv; charset=utf-8'],
  ])('accepts %s', (name, buf, kind, contentType) => {
    expect(detectDocumentType(buf, name)).toEqual({ ok: true, kind, contentType });
  });

  it.each([
    ['a Windows executable disguised as a PDF', 'invoice.pdf', EXE, /Windows executable/],
    ['a Windows executable', 'setup.exe', EXE, /Windows executable/],
    ['an ELF binary', 'tool.txt', ELF, /binary|ELF/],
    ['HTML named .txt', 'page.txt', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), /HTML/],
    ['SVG named .txt', 'image.txt', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), /HTML/],
    ['HTML named .html', 'page.html', Buffer.from('<html></html>'), /HTML/],
    ['plain text with an .html extension', 'page.html', Buffer.from('hello'), /ends in \.html/],
    ['Latin-1 text (not UTF-8)', 'notes.txt', Buffer.from('bl\xe5b\xe6r', 'latin1'), /UTF-8/],
    ['text with NUL bytes', 'notes.txt', Buffer.from('abc\0def'), /binary/],
    ['a plain ZIP archive', 'files.zip', makeZip([{ name: 'a.txt', data: 'x' }]), /only accepted as/],
    ['a ZIP named .docx without word/document.xml', 'fake.docx', makeZip([{ name: '[Content_Types].xml' }, { name: 'evil.exe' }]), /only accepted as/],
    ['a damaged ZIP', 'broken.docx', bytes([0x50, 0x4b, 0x03, 0x04], 'garbage'), /damaged/],
    ['a ZIP declaring a huge expansion', 'bomb.docx', makeZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml', declaredSize: ZIP_MAX_UNCOMPRESSED_BYTES + 1 }]), /expands/],
    // The central directory says 100 bytes; the deflated entry really inflates to 64 MB of zeros.
    ['a DOCX whose central directory understates an entry', 'bomb.docx', makeZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml', data: Buffer.alloc(64 * 1024 * 1024), declaredSize: 100, deflate: true }]), /more than its declared size/],
    ['a stored entry shorter than declared', 'short.docx', makeZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml', data: 'abc', declaredSize: 10 }]), /declared size/],
    ['a deflated entry with corrupt data', 'corrupt.docx', (() => { const z = makeZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml', data: 'x'.repeat(1000), deflate: true }]); z.fill(0xff, 100, 110); return z; })(), /damaged|declared size/],
    ['a gzip file', 'data.gz', bytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), /gzip|binary/],
    ['a legacy .doc', 'old.doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /binary|OLE2/],
  ])('refuses %s', (_what, name, buf, reason) => {
    const r = detectDocumentType(buf, name);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });

  it.each([
    ['a PDF named .png', 'scan.png', PDF],
    ['a PNG named .pdf', 'scan.pdf', PNG],
    ['a JPEG named .gif', 'x.gif', JPEG],
    ['a DOCX named .xlsx', 'x.xlsx', DOCX],
    ['an XLSX named .docx', 'x.docx', XLSX],
    ['a PDF without an extension', 'report', PDF],
    ['text named .pdf', 'notes.pdf', Buffer.from('just text')],
    ['text without an extension', 'README', Buffer.from('just text')],
  ])('refuses %s (extension does not match the content)', (_what, name, buf) => {
    const r = detectDocumentType(buf, name);
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/ends in/) });
  });

  it('refuses an empty file', () => {
    expect(detectDocumentType(Buffer.alloc(0), 'empty.pdf')).toEqual({ ok: false, reason: 'The file is empty.' });
  });

  it('accepts a deflated DOCX whose entries have their declared sizes, inflating with a bounded cost', () => {
    const docx = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>'.repeat(100), deflate: true },
      { name: 'word/document.xml', data: Buffer.alloc(4 * 1024 * 1024, 'a'), deflate: true },
    ]);
    const bomb = makeZip([{ name: '[Content_Types].xml' }, { name: 'word/document.xml', data: Buffer.alloc(64 * 1024 * 1024), declaredSize: 100, deflate: true }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(detectDocumentType(docx, 'report.docx')).toMatchObject({ ok: true, kind: 'docx' });
    // The bomb stops after its declared 100 bytes (+1) instead of inflating 64 MB: shown by the
    // cap zlib is given and by zlib refusing to go past it (no timing threshold).
    const inflate = jest.mocked(zlib.inflateRawSync);
    inflate.mockClear();
    expect(detectDocumentType(bomb, 'bomb.docx').ok).toBe(false);
    expect(inflate.mock.calls.map(([, options]) => options?.maxOutputLength)).toEqual([101]);
    expect(inflate.mock.results.map((r) => r.type)).toEqual(['throw']);
  });

  it('does not take text that merely starts with "MZ" for an executable', () => {
    expect(detectDocumentType(Buffer.from('MZ is a fine start for a note'), 'note.txt')).toMatchObject({ ok: true, kind: 'txt' });
  });
});

describe('extensionOf / readZipDirectory', () => {
  it('takes the last extension of the base name, lower-cased', () => {
    expect(extensionOf('a.tar.PDF')).toBe('.pdf');
    expect(extensionOf('../../etc/passwd')).toBe('');
    expect(extensionOf('C:\\x\\y.Docx')).toBe('.docx');
    expect(extensionOf('.pdf')).toBe('');
  });

  it('lists ZIP entries from the central directory', () => {
    expect(readZipDirectory(DOCX)?.map((e) => e.name)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(readZipDirectory(Buffer.from('not a zip at all, no end record'))).toBeUndefined();
  });
});
