import type { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { attachmentDisposition } from './filename';

/** What a download needs of a stored document: its detected type, its (cleaned) file name and, when known, its size. */
export interface AttachmentFile {
  contentType: string;
  filename: string;
  /** Sent as Content-Length when given. */
  length?: number;
}

/**
 * Answers stored document bytes as a download that a browser neither sniffs nor shows inline
 * (`nosniff`, `Content-Disposition: attachment`) and that no shared cache keeps (`private,
 * no-store`). With `sandbox` (the default) also `Content-Security-Policy: default-src 'none';
 * sandbox`, should the file be opened anyway.
 */
export function sendAttachment(res: Response, file: AttachmentFile, body: Buffer | Readable, opts: { sandbox?: boolean } = {}): StreamableFile {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  if (opts.sandbox !== false) res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  const options = { type: file.contentType, disposition: attachmentDisposition(file.filename), ...(file.length === undefined ? {} : { length: file.length }) };
  return Buffer.isBuffer(body) ? new StreamableFile(body, options) : new StreamableFile(body, options);
}
