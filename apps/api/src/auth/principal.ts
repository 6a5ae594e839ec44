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
  /**
   * Set when an authority's case system calls with an OAuth2 client-credentials token (issue 18):
   * it acts as its service user (a caseworker of the authority), limited to these scopes.
   */
  machineClient?: { clientId: string; scopes: readonly MachineScope[] };
}

/** Scopes a machine client can hold (docs/machine-clients.md). */
export const MACHINE_SCOPES = ['permits:read', 'permits:act', 'documents:write'] as const;
export type MachineScope = (typeof MACHINE_SCOPES)[number];

/** Service users of machine clients are named `client:<client_id>` (never a person's username). */
export const MACHINE_USERNAME_PREFIX = 'client:';

/** Request property the guard writes the principal to. */
export const PRINCIPAL_KEY = 'principal';

export type RequestWithPrincipal = { [PRINCIPAL_KEY]?: Principal; headers: Record<string, string | string[] | undefined> };

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
