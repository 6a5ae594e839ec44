import { createHash } from 'node:crypto';
import { ApiError } from '../common/problem';
import { detectDocumentType } from './file-type';
import { sanitizeFilename } from './filename';

/** What the upload routes hand over from multer (memory storage). */
export interface IncomingFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

export interface CheckedFile {
  filename: string;
  contentType: string;
  kind: string;
  sha256: string;
  sizeBytes: number;
  buffer: Buffer;
}

/**
 * The checks every stored file passes — a first upload and a new version alike: present, not
 * empty, within MAX_UPLOAD_BYTES, a type we accept decided from its magic bytes and matching its
 * extension; then its SHA-256.
 */
export function checkIncomingFile(file: IncomingFile | undefined, maxBytes: number): CheckedFile {
  if (!file) throw new ApiError('DOCUMENT.MISSING_FILE', 'The multipart field "file" is required.', { field: 'file' });
  if (file.size === 0 || file.buffer.length === 0) throw new ApiError('DOCUMENT.EMPTY', 'The file is empty.', { field: 'file' });
  if (file.buffer.length > maxBytes) throw new ApiError('DOCUMENT.TOO_LARGE', `Files may be at most ${maxBytes} bytes.`, { maxBytes });
  const filename = sanitizeFilename(file.originalname);
  const detected = detectDocumentType(file.buffer, filename);
  if (!detected.ok) throw new ApiError('DOCUMENT.TYPE_NOT_ALLOWED', detected.reason);
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  return { filename, contentType: detected.contentType, kind: detected.kind, sha256, sizeBytes: file.buffer.length, buffer: file.buffer };
}
