export { DocumentsModule } from './documents.module';
export { DocumentsService, DocumentNotFoundError } from './documents.service';
export { DOCUMENT_STORAGE, StoredObjectMissingError, documentKey } from './storage/document-storage';
export type { DocumentStorage } from './storage/document-storage';
export { LocalDiskStorage } from './storage/local-disk.storage';
export { S3Storage } from './storage/s3.storage';
export { detectDocumentType } from './file-type';
export { PageQueryDto, MAX_PAGE_SIZE } from './pagination.dto';
