import type { ReactNode } from 'react';
import { api } from '../api/client';
import type { ProxyGrant } from '../api/types';
import { fmtDate } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { Select } from './forms';

/** The fuldmagter the caller has accepted (issue 14 point 6); empty for a company's own users without any. */
export function useReceivedGrants() {
  return useLoad((signal) => api.receivedProxyGrants(signal), []);
}

/** The companies the caller acts for through an active fuldmagt, once each, by name. */
export function actingCompanies(grants: ProxyGrant[]): Array<{ id: string; name: string }> {
  const byId = new Map<string, string>();
  for (const g of grants) if (g.status === 'active') byId.set(g.organisation.id, g.organisation.name);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * "Acting for X": on a case reached through a fuldmagt, says for which company and with which
 * role the caller acts (and until when). Nothing on the company's own cases.
 */
export function ActingForNotice({ organisationId, caseId }: { organisationId: string | undefined; caseId: string }) {
  const { t, lang } = useI18n();
  const grants = useReceivedGrants();
  const grant = bestGrant(grants.data?.items ?? [], organisationId, caseId);
  if (!grant) return null;
  return (
    <div className="alert alert-info" role="note" data-testid="acting-for">
      <div className="alert-body">
        <p className="alert-text">
          {t('proxy.actingFor', { company: grant.organisation.name, role: t(`proxy.role.${grant.role}` as MessageKey), until: fmtDate(lang, grant.validUntil.slice(0, 10)) })}
        </p>
      </div>
    </div>
  );
}

const rank = (g: ProxyGrant) => ({ read: 1, prepare: 2, submit: 3 })[g.role];

/** The strongest active fuldmagt the caller holds for this case of this company, if any. */
function bestGrant(grants: ProxyGrant[], organisationId: string | undefined, caseId: string): ProxyGrant | undefined {
  return grants.filter((g) => g.status === 'active' && g.organisation.id === organisationId && (!g.case || g.case.id === caseId)).sort((a, b) => rank(b) - rank(a))[0];
}

/** True when the caller reaches this case only through a `read` fuldmagt (the API refuses their writes with 403). */
export function useReadOnlyProxy(organisationId: string | undefined, caseId: string, companySide: boolean): boolean {
  // Only company-side users hold fuldmagter (the list is theirs alone): others ask nothing.
  const grants = useLoad((signal) => (companySide ? api.receivedProxyGrants(signal) : Promise.resolve({ items: [] as ProxyGrant[] })), [companySide]);
  return bestGrant(grants.data?.items ?? [], organisationId, caseId)?.role === 'read';
}

/** Company switcher for a consultant serving several companies: filters the case list by company. */
export function CompanySwitcher({ grants, value, onChange }: { grants: ProxyGrant[]; value: string; onChange: (organisationId: string) => void }): ReactNode {
  const { t } = useI18n();
  const companies = actingCompanies(grants);
  if (companies.length === 0) return null;
  return (
    <div className="form-group" data-testid="company-switcher">
      <label className="form-label" htmlFor="acting-for-company">
        {t('proxy.switcher')}
      </label>
      <Select id="acting-for-company" value={value} onChange={onChange} none={t('proxy.allCompanies')} options={companies.map((c) => ({ value: c.id, text: c.name }))} />
    </div>
  );
}
