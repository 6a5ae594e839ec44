/**
 * Who may use "Én indgang" (L 206; answer to ERU question 278, Oct 2025).
 *
 * First, L 206 is for a *produktionsvirksomhed* (L 206 §2, permits-research.md §2: "a company
 * that needs a miljøgodkendelse or is under regular inspection"). A project that is not one is
 * not eligible whatever else holds. Then any ONE of:
 * - the project needs notifications, dispensations or permits from BOTH state and municipal
 *   authorities (co-authorities count; museums and grid companies are neither);
 * - the investment is at least DKK 100 million;
 * - it is a net-zero (NZIA) or critical-raw-materials (CRMA) project.
 */
import type { Text } from './rules';

export const ONE_STOP_SHOP_MIN_INVESTMENT_DKK = 100_000_000;

export interface Eligibility {
  eligible: boolean;
  /** The criteria that are met (empty when not eligible) — or, when not eligible, why not. */
  reasons: Array<{ id: string } & Text>;
}

export function decideEligibility(input: {
  authorityLevels: Set<'municipal' | 'state'>;
  investmentDkk?: number;
  netZeroOrCriticalRawMaterials?: boolean;
  /** L 206 §2: needs a miljøgodkendelse (a listed activity) or is under regular inspection. */
  productionCompany: boolean;
}): Eligibility {
  if (!input.productionCompany) {
    return {
      eligible: false,
      reasons: [
        {
          id: 'NOT_PRODUCTION_COMPANY',
          da: 'Ikke en produktionsvirksomhed (L 206 §2): projektet kræver ikke miljøgodkendelse, og virksomheden er ikke under regelmæssigt miljøtilsyn.',
          en: 'Not a production company (L 206 §2): the project needs no environmental permit and the company is not under regular environmental inspection.',
        },
      ],
    };
  }
  const met: Eligibility['reasons'] = [];
  if (input.authorityLevels.has('municipal') && input.authorityLevels.has('state')) {
    met.push({ id: 'STATE_AND_MUNICIPAL', da: 'Projektet kræver tilladelser fra både statslige og kommunale myndigheder.', en: 'The project needs permits from both state and municipal authorities.' });
  }
  if ((input.investmentDkk ?? 0) >= ONE_STOP_SHOP_MIN_INVESTMENT_DKK) {
    met.push({ id: 'INVESTMENT_100M', da: 'Investeringen er mindst 100 mio. kr.', en: 'The investment is at least DKK 100 million.' });
  }
  if (input.netZeroOrCriticalRawMaterials === true) {
    met.push({ id: 'NET_ZERO_OR_CRM', da: 'Netto-nul- eller kritiske råstoffer-projekt (NZIA/CRMA).', en: 'Net-zero or critical-raw-materials project (NZIA/CRMA).' });
  }
  if (met.length > 0) return { eligible: true, reasons: met };
  return {
    eligible: false,
    reasons: [
      {
        id: 'NOT_ELIGIBLE',
        da: 'Kun én myndighedsniveau, investering under 100 mio. kr. og ikke et netto-nul/CRM-projekt.',
        en: 'Only one authority level, investment below DKK 100 million and not a net-zero/CRM project.',
      },
    ],
  };
}
