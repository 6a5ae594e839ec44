/** The four roles of product.md "Users". */
export const ROLES = ['applicant', 'caseworker', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is calling. Attached to the request by the global AuthGuard after the bearer token was
 * verified AND the user row was loaded from PostgreSQL (the directory is the source of truth
 * for role and binding; see docs/auth.md).
 */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Set for applicants (the CVR organisation they act for), null otherwise. */
  organisationId: string | null;
  /** Set for caseworkers (the authority they work for), null otherwise. */
  authorityId: string | null;
  /** Routing code of the authority (`KOMMUNE-<kode>`, `MST`, …), null when authorityId is null. */
  authorityCode: string | null;
  locale: 'da' | 'en';
}

/** Request property the guard writes the principal to. */
export const PRINCIPAL_KEY = 'principal';

export type RequestWithPrincipal = { [PRINCIPAL_KEY]?: Principal; headers: Record<string, string | string[] | undefined> };

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
