/**
 * Content-based file type detection for uploads (OWASP ASVS 5.2.2: magic bytes, not the
 * client's Content-Type). Hand-written signatures for the short allow-list below; the file
 * name's extension must agree with what the bytes are, so `setup.exe` renamed to `a.pdf` and
 * a PDF named `a.png` are both refused. A ZIP's entries are inflated with a byte cap (their
 * output is counted, then dropped), because the sizes its central directory declares are only
 * the sender's word.
 */
import { inflateRawSync } from 'node:zlib';

export type DocumentKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'tiff' | 'docx' | 'xlsx' | 'odt' | 'txt' | 'csv';

export interface DetectedType {
  kind: DocumentKind;
  /** The content type stored and served (never the client's). */
  contentType: string;
}

export type Detection = ({ ok: true } & DetectedType) | { ok: false; reason: string };

const CONTENT_TYPES: Record<DocumentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Extensions each kind may carry (lower case, with the dot). */
const EXTENSIONS: Record<DocumentKind, readonly string[]> = {
  pdf: ['.pdf'],
  png: ['.png'],
  jpeg: ['.jpg', '.jpeg'],
  gif: ['.gif'],
  tiff: ['.tif', '.tiff'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  odt: ['.odt'],
  txt: ['.txt'],
  csv: ['.csv'],
};

/**
 * ZIP containers: at most this many entries and this much uncompressed data (ASVS 5.2.3). An
 * office document of the 20 MB upload limit inflates to far less; every byte is checked by
 * inflating, so the cap also bounds the CPU and memory one upload can cost.
 */
export const ZIP_MAX_ENTRIES = 10_000;
export const ZIP_MAX_UNCOMPRESSED_BYTES = 128 * 1024 * 1024;

function startsWith(buf: Buffer, sig: readonly number[], offset = 0): boolean {
  if (buf.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (buf[offset + i] !== sig[i]) return false;
  return true;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/** Signatures we recognise only to name them in the refusal. */
const KNOWN_REFUSED: [readonly number[], string][] = [
  [ascii('MZ'), 'a Windows executable'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a Mach-O executable'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a Java class or Mach-O binary'],
  [ascii('#!'), 'a script'],
  [[0x50, 0x4b, 0x05, 0x06], 'an empty ZIP archive'],
  [ascii('Rar!'), 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7z archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a legacy Office (OLE2) file'],
];

/** Lower-case extension of the file name including the dot, '' when there is none. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

interface ZipEntry {
  name: string;
  uncompressedSize: number;
  compressedSize: number;
  /** 0 stored, 8 deflate */
  method: number;
  flags: number;
  localHeaderOffset: number;
}

/** Reads the central directory of a ZIP (no decompression). Undefined when it is not a sound ZIP. */
export function readZipDirectory(buf: Buffer): ZipEntry[] | undefined {
  // End of central directory record: 22 bytes + a comment of up to 65535 bytes, at the end.
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) return undefined; // ZIP64: not needed for office documents
  if (count > ZIP_MAX_ENTRIES || offset + size > eocd) return undefined;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > eocd) return undefined;
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      uncompressedSize,
      compressedSize: buf.readUInt32LE(p + 20),
      method: buf.readUInt16LE(p + 10),
      flags: buf.readUInt16LE(p + 8),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * The real size of every entry equals the size the central directory declares: each entry is
 * inflated with its declared size (+1) as the output cap, so an entry that understates its
 * size (a zip bomb hiding behind a small directory) stops at the cap instead of expanding.
 * Undefined when all agree, else the reason for refusing.
 */
export function checkZipEntries(buf: Buffer, entries: ZipEntry[], maxTotal = ZIP_MAX_UNCOMPRESSED_BYTES): string | undefined {
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > maxTotal) return 'The ZIP container expands to more than the allowed size.';
  for (const e of entries) {
    if (e.flags & 0x1) return 'Encrypted ZIP entries are not accepted.';
    const p = e.localHeaderOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return 'The ZIP container is damaged or unsupported.';
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    if (start + e.compressedSize > buf.length) return 'The ZIP container is damaged or unsupported.';
    const data = buf.subarray(start, start + e.compressedSize);
    let actual: number;
    if (e.method === 0) actual = data.length;
    else if (e.method === 8) {
      try {
        actual = inflateRawSync(data, { maxOutputLength: e.uncompressedSize + 1 }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'A ZIP entry expands to more than its declared size.';
        return 'The ZIP container is damaged or unsupported.';
      }
    } else return 'The ZIP container uses an unsupported compression method.';
    if (actual !== e.uncompressedSize) return 'A ZIP entry does not have its declared size.';
  }
  return undefined;
}

function detectZip(buf: Buffer, ext: string): Detection {
  const entries = readZipDirectory(buf);
  if (!entries) return { ok: false, reason: 'The ZIP container is damaged or unsupported.' };
  const refused = checkZipEntries(buf, entries);
  if (refused) return { ok: false, reason: refused };
  const names = new Set(entries.map((e) => e.name));
  // ODF: the first entry is an uncompressed `mimetype` file holding the media type (ODF 1.2 §3.3).
  const odfMime = 'application/vnd.oasis.opendocument.text';
  const storedMimetype = buf.length >= 38 && buf.readUInt16LE(26) === 8 && buf.toString('latin1', 30, 38) === 'mimetype' && buf.readUInt16LE(8) === 0;
  const dataAt = storedMimetype ? 38 + buf.readUInt16LE(28) : 0;
  if (storedMimetype && buf.toString('latin1', dataAt, dataAt + odfMime.length) === odfMime && names.has('content.xml')) {
    return { ok: true, kind: 'odt', contentType: CONTENT_TYPES.odt };
  }
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return { ok: true, kind: 'docx', contentType: CONTENT_TYPES.docx };
    if (names.has('xl/workbook.xml')) return { ok: true, kind: 'xlsx', contentType: CONTENT_TYPES.xlsx };
  }
  return { ok: false, reason: `A ZIP archive is only accepted as a .docx, .xlsx or .odt document${ext ? ` (got ${ext})` : ''}.` };
}

const HTML_LIKE = /^\s*<(!doctype|html|head|body|script|iframe|svg|\?xml|meta|object|embed)\b/i;

function detectText(buf: Buffer): Detection {
  if (buf.includes(0)) return { ok: false, reason: 'The file is binary and of no accepted type.' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return { ok: false, reason: 'Text files must be UTF-8.' };
  }
  // Control characters other than tab, line feed, form feed and carriage return mean binary.
  if (/[\x01-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return { ok: false, reason: 'The file is binary and of no accepted type.' };
  if (HTML_LIKE.test(text.replace(/^\uFEFF/, ''))) return { ok: false, reason: 'HTML, SVG and XML documents are not accepted.' };
  return { ok: true, kind: 'txt', contentType: CONTENT_TYPES.txt };
}

function sniff(buf: Buffer, ext: string): Detection {
  if (startsWith(buf, PDF)) return { ok: true, kind: 'pdf', contentType: CONTENT_TYPES.pdf };
  if (startsWith(buf, PNG)) return { ok: true, kind: 'png', contentType: CONTENT_TYPES.png };
  if (startsWith(buf, JPEG)) return { ok: true, kind: 'jpeg', contentType: CONTENT_TYPES.jpeg };
  if (startsWith(buf, GIF87) || startsWith(buf, GIF89)) return { ok: true, kind: 'gif', contentType: CONTENT_TYPES.gif };
  if (startsWith(buf, TIFF_LE) || startsWith(buf, TIFF_BE)) return { ok: true, kind: 'tiff', contentType: CONTENT_TYPES.tiff };
  if (startsWith(buf, ZIP_LOCAL)) return detectZip(buf, ext);
  const text = detectText(buf);
  if (text.ok) return text;
  for (const [sig, what] of KNOWN_REFUSED) {
    if (startsWith(buf, sig)) return { ok: false, reason: `The file is ${what}, which is not accepted.` };
  }
  return text;
}

/**
 * Decides from the bytes what the file is, then checks the name's extension agrees.
 * Text is told apart only by its extension (.txt or .csv).
 */
export function detectDocumentType(buf: Buffer, filename: string): Detection {
  if (buf.length === 0) return { ok: false, reason: 'The file is empty.' };
  const ext = extensionOf(filename);
  const found = sniff(buf, ext);
  if (!found.ok) return found;
  let kind = found.kind;
  if (kind === 'txt' && ext === '.csv') kind = 'csv';
  if (!EXTENSIONS[kind].includes(ext)) {
    return {
      ok: false,
      reason: `The content is ${kind.toUpperCase()} but the file name ends in ${ext || '(no extension)'}; expected ${EXTENSIONS[kind].join(' or ')}.`,
    };
  }
  return { ok: true, kind, contentType: CONTENT_TYPES[kind] };
}

/** Extensions accepted at all (for messages and docs). */
export const ALLOWED_EXTENSIONS = Object.values(EXTENSIONS).flat();
