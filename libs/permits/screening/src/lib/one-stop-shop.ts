/**
 * Who may use "Én indgang" (L 206; answer to ERU question 278, Oct 2025). Any ONE of:
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
}): Eligibility {
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
