import type { Provider } from '@nestjs/common';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { S3Storage } from './s3.storage';

export function createDocumentStorage(config: AppConfig): DocumentStorage {
  return config.STORAGE_DRIVER === 's3' ? S3Storage.fromConfig(config) : new LocalDiskStorage(config.STORAGE_ROOT);
}

/** The storage adapter chosen by STORAGE_DRIVER ('local' | 's3'). */
export const documentStorageProvider: Provider = {
  provide: DOCUMENT_STORAGE,
  useFactory: createDocumentStorage,
  inject: [APP_CONFIG],
};
