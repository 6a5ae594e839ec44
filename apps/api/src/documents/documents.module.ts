import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { AccessModule } from '../access';
import { DocumentVersionsController } from './document-versions.controller';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { documentStorageProvider } from './storage/storage.provider';
import { DOCUMENT_STORAGE } from './storage/document-storage';
import { UploadPrecheckInterceptor } from './upload.interceptor';

@Module({
  imports: [
    AccessModule,
    // Memory storage (no `dest`): the bytes are checked (type, checksum) before they are stored.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldNameSize: 100, fieldSize: 4096, parts: 6, headerPairs: 100 },
        // Danish file names (æøå) arrive as UTF-8; busboy would decode them as latin1.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DocumentsController, DocumentVersionsController],
  providers: [DocumentsService, DocumentVersionsService, UploadPrecheckInterceptor, documentStorageProvider],
  exports: [DocumentsService, DOCUMENT_STORAGE],
})
export class DocumentsModule {}
