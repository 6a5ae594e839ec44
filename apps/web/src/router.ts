import { useEffect, useState } from 'react';

// Hash routing (#/cases/<id>): no router dependency, works behind any static file server.
export type Route =
  | { name: 'home' }
  | { name: 'newCase' }
  | { name: 'case'; id: string }
  | { name: 'application'; id: string }
  | { name: 'permit'; id: string }
  | { name: 'adminUser'; id: string }
  | { name: 'publicHearing'; id: string }
  | { name: 'publicJointHearing'; id: string }
  | { name: 'publicDecisions' }
  | { name: 'publicCases' }
  | { name: 'publicCase'; id: string }
  | { name: 'publicStatistics' }
  | { name: 'proxies' }
  | { name: 'acceptProxy'; id: string }
  | { name: 'notifications' }
  | { name: 'search' }
  | { name: 'integrations' }
  | { name: 'referral'; id: string }
  | { name: 'notFound'; path: string };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'cases' && parts[1] === 'new' && parts.length === 2) return { name: 'newCase' };
  if (parts[0] === 'cases' && parts.length === 2) return { name: 'case', id: parts[1] };
  if (parts[0] === 'cases' && parts[2] === 'application' && parts.length === 3) return { name: 'application', id: parts[1] };
  if (parts[0] === 'permits' && parts.length === 2) return { name: 'permit', id: parts[1] };
  if (parts[0] === 'notifications' && parts.length === 1) return { name: 'notifications' };
  if (parts[0] === 'search' && parts.length === 1) return { name: 'search' };
  if (parts[0] === 'admin' && parts[1] === 'users' && parts.length === 3) return { name: 'adminUser', id: parts[2] };
  // Public pages (issue 15): no login needed.
  if (parts[0] === 'hearings' && parts.length === 2) return { name: 'publicHearing', id: parts[1] };
  // Issue 17: a joint hearing's one public page.
  if (parts[0] === 'joint-hearings' && parts.length === 2) return { name: 'publicJointHearing', id: parts[1] };
  if (parts[0] === 'decisions' && parts.length === 1) return { name: 'publicDecisions' };
  // Transparency (issue 16 item 5): published cases and the aggregate statistics, no login.
  if (parts[0] === 'public' && parts[1] === 'cases' && parts.length === 2) return { name: 'publicCases' };
  if (parts[0] === 'public' && parts[1] === 'cases' && parts.length === 3) return { name: 'publicCase', id: parts[2] };
  if (parts[0] === 'public' && parts[1] === 'statistics' && parts.length === 2) return { name: 'publicStatistics' };
  // Fuldmagter (issue 14 point 6); the invitation e-mail links to #/fuldmagt/accept/<token>.
  if (parts[0] === 'fuldmagter' && parts.length === 1) return { name: 'proxies' };
  if (parts[0] === 'fuldmagt' && parts[1] === 'accept' && parts.length === 3) return { name: 'acceptProxy', id: parts[2] };
  if (parts[0] === 'integrations' && parts.length === 1) return { name: 'integrations' };
  // Issue 17: a referral to another authority (the asked authority's view).
  if (parts[0] === 'referrals' && parts.length === 2) return { name: 'referral', id: parts[1] };
  return { name: 'notFound', path };
}

export const paths = {
  home: () => '#/',
  newCase: () => '#/cases/new',
  case: (id: string) => `#/cases/${encodeURIComponent(id)}`,
  application: (caseId: string) => `#/cases/${encodeURIComponent(caseId)}/application`,
  permit: (id: string) => `#/permits/${encodeURIComponent(id)}`,
  adminUser: (id: string) => `#/admin/users/${encodeURIComponent(id)}`,
  publicHearing: (id: string) => `#/hearings/${encodeURIComponent(id)}`,
  publicJointHearing: (id: string) => `#/joint-hearings/${encodeURIComponent(id)}`,
  publicDecisions: () => '#/decisions',
  publicCases: () => '#/public/cases',
  publicCase: (reference: string) => `#/public/cases/${encodeURIComponent(reference)}`,
  publicStatistics: () => '#/public/statistics',
  proxies: () => '#/fuldmagter',
  acceptProxy: (token: string) => `#/fuldmagt/accept/${encodeURIComponent(token)}`,
  notifications: () => '#/notifications',
  search: () => '#/search',
  integrations: () => '#/integrations',
  referral: (id: string) => `#/referrals/${encodeURIComponent(id)}`,
};

export function navigate(hash: string): void {
  if (window.location.hash === hash) return;
  window.location.hash = hash;
}

/** Current route; `seq` increases on every in-app navigation (used to move focus to the new <h1>). */
export function useRoute(): { route: Route; seq: number } {
  const [state, setState] = useState(() => ({ route: parseHash(window.location.hash), seq: 0 }));
  useEffect(() => {
    const onChange = () => setState((s) => ({ route: parseHash(window.location.hash), seq: s.seq + 1 }));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}
