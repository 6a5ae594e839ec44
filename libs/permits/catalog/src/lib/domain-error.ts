import { CodedError, type ErrorCode } from '@rl/errors';

/**
 * The errors of the pure domain libraries (catalogue, screening, machines, critical path): coded
 * errors like every other (`CodedError`, one base, one code → HTTP table), grouped so callers can
 * tell a broken business rule from an infrastructure failure.
 */
export abstract class DomainError<C extends ErrorCode = ErrorCode> extends CodedError<C> {}
