export { CodedError, ERROR_CODES, isErrorCode } from './lib/coded-error';
export type { ErrorCode } from './lib/coded-error';
