import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';

/**
 * Multer for a module with a document upload route (one field "file"). Memory storage (no
 * `dest`): the bytes are checked (type, checksum) before they are stored; one file of at most
 * MAX_UPLOAD_BYTES and a few small form fields.
 */
export function documentUploadMulter() {
  return MulterModule.registerAsync({
    inject: [APP_CONFIG],
    useFactory: (config: AppConfig) => ({
      limits: { fileSize: config.MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldNameSize: 100, fieldSize: 4096, parts: 6, headerPairs: 100 },
      // Danish file names (æøå) arrive as UTF-8; busboy would decode them as latin1.
      defParamCharset: 'utf8',
    }),
  });
}
