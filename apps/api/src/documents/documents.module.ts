import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { DocumentVersionsController } from './document-versions.controller';
import { DocumentVersionsService } from './document-versions.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { documentStorageProvider } from './storage/storage.provider';
import { DOCUMENT_STORAGE } from './storage/document-storage';
import { documentUploadMulter } from './upload-multer';
import { UploadPrecheckInterceptor } from './upload.interceptor';

@Module({
  imports: [
    AccessModule,
    documentUploadMulter(),
  ],
  controllers: [DocumentsController, DocumentVersionsController],
  providers: [DocumentsService, DocumentVersionsService, UploadPrecheckInterceptor, documentStorageProvider],
  exports: [DocumentsService, DOCUMENT_STORAGE],
})
export class DocumentsModule {}
