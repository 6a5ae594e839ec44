/**
 * RFC 9457 problem details. Every error the API returns has this shape and a stable `code`
 * (SCOPE.REASON) that clients and tests can rely on.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  /** Field-level problems for validation errors. */
  errors?: { field: string; code: string; message: string }[];
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Base for errors raised by the API layer itself (not the domain libraries). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
