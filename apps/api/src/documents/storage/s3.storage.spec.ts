import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StoredObjectMissingError } from './document-storage';
import { S3Storage, s3ClientConfig } from './s3.storage';

/** S3 is an outside service: the SDK client is mocked at the command level. */
describe('S3Storage', () => {
  const s3 = mockClient(S3Client);
  const key = 'cases/3f0c2a4e-1111-4222-8333-944455556666/0b7e1c2d-aaaa-4bbb-8ccc-ddddeeeeffff';
  let storage: S3Storage;

  beforeEach(() => {
    s3.reset();
    storage = new S3Storage(new S3Client({ region: 'eu-north-1' }), 'rl-docs');
  });

  it('puts the bytes with content type, length and Content-MD5', async () => {
    s3.on(PutObjectCommand).resolves({});
    const data = Buffer.from('%PDF-1.7 hello');
    await storage.put(key, data, 'application/pdf');
    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({
      Bucket: 'rl-docs',
      Key: key,
      Body: data,
      ContentType: 'application/pdf',
      ContentLength: data.length,
      ContentMD5: createHash('md5').update(data).digest('base64'),
    });
  });

  it('gets the object as a stream', async () => {
    s3.on(GetObjectCommand, { Bucket: 'rl-docs', Key: key }).resolves({ Body: Readable.from([Buffer.from('abc'), Buffer.from('def')]) as never });
    const body = await storage.get(key);
    const chunks: Buffer[] = [];
    for await (const c of body as Readable) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(chunks).toString()).toBe('abcdef');
  });

  it('reads a non-Node body whole', async () => {
    s3.on(GetObjectCommand).resolves({ Body: { transformToByteArray: async () => new TextEncoder().encode('xyz') } as never });
    expect(await storage.get(key)).toEqual(Buffer.from('xyz'));
  });

  it('maps NoSuchKey to StoredObjectMissingError and passes other errors on', async () => {
    s3.on(GetObjectCommand).rejectsOnce(new NoSuchKey({ message: 'gone', $metadata: {} })).rejectsOnce(new Error('network down'));
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredObjectMissingError);
    await expect(storage.get(key)).rejects.toThrow('network down');
  });

  it('deletes the object', async () => {
    s3.on(DeleteObjectCommand).resolves({});
    await storage.delete(key);
    expect(s3.commandCalls(DeleteObjectCommand)[0].args[0].input).toEqual({ Bucket: 'rl-docs', Key: key });
  });

  it('refuses keys that are not server-made', async () => {
    await expect(storage.put('../x', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Invalid storage key/);
    expect(s3.calls()).toHaveLength(0);
  });

  it('builds the client config from the environment', () => {
    expect(
      s3ClientConfig({ S3_BUCKET: 'b', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_FORCE_PATH_STYLE: true }),
    ).toEqual({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    expect(s3ClientConfig({ S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: false } as never)).toEqual({ region: 'eu-north-1', forcePathStyle: false });
    expect(() => S3Storage.fromConfig({ S3_FORCE_PATH_STYLE: false } as never)).toThrow(/S3_BUCKET/);
  });
});
