import { ApiError } from '../common/problem';
import type { MachineScope, Principal } from './principal';

/**
 * What a machine client's scopes allow (issue 18 item 2). The client acts as a caseworker of its
 * authority — object access is the caseworker's, checked by the access service — and its scopes
 * narrow the operations further:
 * - `permits:read`: every read (GET/HEAD);
 * - `documents:write`: uploading documents;
 * - `permits:act`: every other write a caseworker may make (permit events, tasks, target dates).
 * Managing webhooks is for people, never for a client token.
 */
export function requiredScope(method: string, path: string): MachineScope | 'forbidden' {
  if (/\/webhooks(\/|$)/.test(path)) return 'forbidden';
  if (method === 'GET' || method === 'HEAD') return 'permits:read';
  if (method === 'POST' && /\/cases\/[^/]+\/documents\/?$/.test(path)) return 'documents:write';
  return 'permits:act';
}

export function assertMachineScope(p: Principal, method: string, path: string): void {
  if (!p.machineClient) return;
  const needed = requiredScope(method.toUpperCase(), path);
  if (needed === 'forbidden' || !p.machineClient.scopes.includes(needed)) {
    throw new ApiError('AUTH.INSUFFICIENT_SCOPE', needed === 'forbidden' ? 'Machine clients may not use this operation.' : `This operation needs the scope ${needed}.`, {
      requiredScope: needed === 'forbidden' ? null : needed,
    });
  }
}
