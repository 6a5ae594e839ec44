import { type CallHandler, type ExecutionContext, HttpException, Inject, Injectable, type NestInterceptor, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';
import type { AppConfig } from '@rl/config';
import { APP_CONFIG } from '@rl/server-infra';
import { AccessService } from '../access';
import { PRINCIPAL_KEY, type Principal } from '../auth/principal';
import { ApiError } from '../common/problem';

/** Room for the multipart framing and the small text fields on top of the file itself. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Bound OUTSIDE multer's FileInterceptor on the upload route:
 * - before any byte of the body is read: the case must be visible to the caller (404 otherwise,
 *   so nobody can make the server buffer a file for a case they cannot see), the caller must be
 *   one who may add material to it (a coordinator does not, nor a fuldmægtig with only `read`: 403), the request must be
 *   multipart/form-data (415), and a declared Content-Length over the limit is refused (413);
 * - multer's own errors (file too large, unexpected file field, malformed multipart) become
 *   problem+json with stable codes instead of generic ones.
 */
@Injectable()
export class UploadPrecheckInterceptor implements NestInterceptor {
  constructor(
    protected readonly access: AccessService,
    @Inject(APP_CONFIG) protected readonly config: AppConfig,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { [PRINCIPAL_KEY]?: Principal }>();
    return from(this.precheck(req)).pipe(
      switchMap(() => next.handle()),
      catchError((e: unknown) => throwError(() => this.fromMulter(e))),
    );
  }

  protected async precheck(req: Request & { [PRINCIPAL_KEY]?: Principal }): Promise<void> {
    const principal = req[PRINCIPAL_KEY];
    if (!principal) throw new ApiError('AUTH.UNAUTHENTICATED', 'This operation requires a bearer token.');
    const caseId = String(req.params.id);
    await this.access.assertCaseVisible(principal, caseId);
    // A new version of a document is the same kind of act as an upload (a fuldmagt to prepare covers both).
    await this.access.assertMayActOnCase(principal, caseId, req.params.documentId ? 'document.version' : 'document.upload');
    if (!req.is('multipart/form-data')) {
      throw new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Upload documents as multipart/form-data with the file in the field "file".');
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.config.MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES) {
      throw this.tooLarge();
    }
  }

  protected tooLarge(): ApiError {
    return new ApiError('DOCUMENT.TOO_LARGE', `Files may be at most ${this.config.MAX_UPLOAD_BYTES} bytes.`, { maxBytes: this.config.MAX_UPLOAD_BYTES });
  }

  /** Nest wraps multer/busboy errors in HttpExceptions with the original error as `cause`. */
  private fromMulter(e: unknown): unknown {
    if (!(e instanceof HttpException) || !(e.cause instanceof Error)) return e;
    const cause = e.cause as Error & { code?: string; field?: string };
    if (e instanceof PayloadTooLargeException || cause.code === 'LIMIT_FILE_SIZE') return this.tooLarge();
    if (e instanceof UnsupportedMediaTypeException) return new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Upload documents as multipart/form-data.');
    if (cause.code === 'LIMIT_UNEXPECTED_FILE' || cause.code === 'LIMIT_FILE_COUNT') {
      const field = cause.field ?? 'file';
      return new ApiError('REQUEST.VALIDATION_FAILED', 'The request is invalid.', {
        errors: [{ field, code: 'UNEXPECTED_FILE', message: `Exactly one file is accepted, in the field "file" (got "${field}").` }],
      });
    }
    if (typeof cause.code === 'string' && cause.code.startsWith('LIMIT_')) {
      return new ApiError('REQUEST.VALIDATION_FAILED', 'The request is invalid.', {
        errors: [{ field: cause.field ?? '(form)', code: cause.code, message: cause.message }],
      });
    }
    if (e.getStatus() === 400) return new ApiError('REQUEST.MALFORMED_MULTIPART', `The multipart body is malformed: ${cause.message}`);
    return e;
  }
}
