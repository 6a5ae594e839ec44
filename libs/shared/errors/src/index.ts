export { CodedError, ERROR_CODES, isErrorCode } from './lib/coded-error';
export type { ErrorCode, FieldError } from './lib/coded-error';
