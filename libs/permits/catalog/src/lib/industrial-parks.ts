/**
 * The fast track for projects in a designated industrial park (issue 13 item 19), as catalogue
 * data with its basis.
 *
 * WHAT IS SOURCED (permits-research.md): L 206 (2024-25) is titled "Lov om én indgang for
 * produktionsvirksomheder og statslig udpegning af industriparker" — its second part lets the
 * state designate industrial parks (§0); five are to be designated, 33 municipalities sent 31
 * applications (§2). Life Science Rådet 2023, recommendation 10, asks for a fast track in
 * industrial zones (as cited in issue 13; a recommendation, not law).
 *
 * WHAT IS AN INFERENCE: the research holds no text of what a designation does. Every effect below
 * is therefore marked `basis.kind = 'inference'`: a designated park is a planned industrial area
 * whose plan basis (kommuneplan frame and lokalplan) is settled with the designation, with a
 * plan-level environmental assessment (miljøvurdering of the plan, MVL chapter 2) that a project's
 * EIA screening can rely on. The L 206 ceiling (18 / 12 months, §0) is not changed by the park;
 * the fast track shortens the case through the plan track it removes (a project whose only
 * non-simple feature was the new plan becomes simple: 12 months), and the building permit gets
 * back its 50-day servicemål, which does not apply to projects needing a new lokalplan
 * (permits-research.md §1 #20).
 */
import type { PermitCode } from './types';

export interface FastTrackBasis {
  kind: 'statute' | 'inference';
  text: string;
}

export interface IndustrialParkFastTrack {
  id: string;
  /** The law that lets the state designate parks. */
  source: string;
  /** The recommendation the fast track follows (not law). */
  recommendation: string;
  /** Plan permits the designation's settled plan basis covers: not needed for a park project. */
  planBasis: { coveredPermits: readonly PermitCode[]; basis: FastTrackBasis };
  /** Permits whose screening can rely on the park's plan-level environmental assessment. */
  planLevelAssessment: { permits: readonly PermitCode[]; statute: string; basis: FastTrackBasis };
  /** What the fast track does to the case ceiling and the permits' targets. */
  ceilingAndTargets: { basis: FastTrackBasis };
  /** Permits the park does NOT cover (a project-level EIA cannot be replaced by a plan's). */
  notCovered: { permits: readonly PermitCode[]; basis: FastTrackBasis };
}

export const INDUSTRIAL_PARK_FAST_TRACK: IndustrialParkFastTrack = Object.freeze<IndustrialParkFastTrack>({
  id: 'L206-INDUSTRIAL-PARK',
  source: 'L 206 (2024-25), "Lov om én indgang for produktionsvirksomheder og statslig udpegning af industriparker", second part: state designation of industrial parks (permits-research.md §0, §2)',
  recommendation: 'Life Science Rådet 2023, recommendation 10: fast track in industrial zones (as cited in issue 13)',
  planBasis: {
    coveredPermits: ['KOMMUNEPLANTILLAEG', 'LOKALPLAN'],
    basis: {
      kind: 'inference',
      text: 'Inference: the designation settles the plan basis of the park (kommuneplan frame and lokalplan for industry), so a project within the designation needs no plan amendment (PL §§23c, 24) and no new local plan (PL §13). L 206 part 2 was not read here.',
    },
  },
  planLevelAssessment: {
    permits: ['VVM_SCREENING'],
    statute: 'Miljøvurderingsloven §21 (screening) relying on the plan-level assessment of the park (MVL chapter 2) — inference',
    basis: {
      kind: 'inference',
      text: "Inference: the park's plans carry a plan-level environmental assessment; the project's EIA screening stays (MVL §21 is project-level) but can rely on it.",
    },
  },
  ceilingAndTargets: {
    basis: {
      kind: 'inference',
      text: 'Inference: no fast-track ceiling or target of its own is sourced. The L 206 ceiling (18 / 12 months) applies, computed after the plan permits the park covers are removed; the building permit keeps its 50-day servicemål (research §1 #20: none only when a new lokalplan is needed).',
    },
  },
  notCovered: {
    permits: ['VVM_PERMIT', 'LANDZONE'],
    basis: {
      kind: 'inference',
      text: "Inference: an EIA permit (MVL §25) assesses the project itself and is never covered by a plan's assessment; a park is never in landzone (fact rule FACTS-INDUSTRIAL-PARK-IN-LANDZONE).",
    },
  },
});
