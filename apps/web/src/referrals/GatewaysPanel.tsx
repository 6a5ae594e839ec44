import { Loadable } from '../components/common';
import { Section } from '../components/DataTable';
import { useLoad } from '../hooks';
import { useTexts } from '../i18n';
import { REFERRAL_TEXT } from './referral-text';
import { referralsApi, type Gateway } from './referrals-api';

const BADGE: Record<Gateway['status'], string> = { cleared: 'badge-success', open: 'badge-warning', empty: 'badge-info' };

/** Issue 17 item 4: the case as stages, each cleared when every permit in it is decided (or final). */
export function GatewaysPanel({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const { lang, x } = useTexts(REFERRAL_TEXT);
  const load = useLoad(() => referralsApi.gateways(caseId), [caseId, refreshKey]);
  return (
    <Section id="gateways" title={x.gatewaysTitle} testId="gateways">
      <p>{x.gatewaysIntro}</p>
      <Loadable load={load}>
        {(gateways) => (
          <ol className="rl-gateways">
            {gateways.map((g) => (
              <li key={g.id} data-testid={`gateway-${g.id}`} data-status={g.status}>
                <strong>{lang === 'en' ? g.nameEn : g.nameDa}</strong>{' '}
                <span className={`badge ${BADGE[g.status]}`}>{g.status === 'cleared' ? x.gatewayCleared : g.status === 'open' ? x.gatewayOpen : x.gatewayEmpty}</span>{' '}
                <span className="form-hint">
                  ({g.clearsWhen === 'final' ? x.clearsFinal : x.clearsDecided}
                  {g.permits.length > 0 ? `: ${g.permits.filter((p) => p.cleared).length}/${g.permits.length}` : ''})
                </span>
              </li>
            ))}
          </ol>
        )}
      </Loadable>
    </Section>
  );
}
