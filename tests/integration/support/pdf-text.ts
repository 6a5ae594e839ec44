import { spawn } from 'node:child_process';
import path from 'node:path';

/** The text of a PDF, extracted by a real parser (pdfjs-dist, see pdf-text-child.mjs). Rejects when it is not a PDF. */
export function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'pdf-text-child.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`pdf-text exited ${code}: ${Buffer.concat(err).toString('utf8')}`))));
    child.stdin.end(pdf);
  });
}
