import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@rl/config';
import { assertValidKey, type DocumentStorage, StoredObjectMissingError } from './document-storage';

export type S3StorageConfig = Pick<
  AppConfig,
  'S3_BUCKET' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

export const DEFAULT_S3_REGION = 'eu-north-1';

export function s3ClientConfig(c: S3StorageConfig): S3ClientConfig {
  return {
    region: c.S3_REGION ?? DEFAULT_S3_REGION,
    ...(c.S3_ENDPOINT ? { endpoint: c.S3_ENDPOINT } : {}),
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    ...(c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY } }
      : {}),
  };
}

/**
 * Documents in an S3 bucket (AWS or S3-compatible). A PUT is atomic in S3: readers see the
 * old object or the new one, never a partial upload. Content-MD5 makes the service verify
 * the bytes it received.
 */
export class S3Storage implements DocumentStorage, OnApplicationShutdown {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromConfig(c: S3StorageConfig): S3Storage {
    if (!c.S3_BUCKET) throw new Error('S3_BUCKET is required when STORAGE_DRIVER=s3');
    return new S3Storage(new S3Client(s3ClientConfig(c)), c.S3_BUCKET);
  }

  async put(key: string, data: Buffer, contentType: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: data,
        ContentType: contentType,
        ContentLength: data.length,
        ContentMD5: createHash('md5').update(data).digest('base64'),
      }),
    );
  }

  async get(key: string): Promise<Readable | Buffer> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = out.Body;
      if (!body) throw new StoredObjectMissingError(key);
      if (body instanceof Readable) return body;
      // Non-Node runtimes (or mocks) hand back a web stream / SDK mixin: read it whole.
      return Buffer.from(await (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') throw new StoredObjectMissingError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}
