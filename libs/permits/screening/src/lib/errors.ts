import { DomainError } from '@rl/permits-catalog';

export type FactIssueCode =
  | 'REQUIRED'
  | 'INVALID_TYPE'
  | 'INVALID_VALUE'
  | 'UNKNOWN_MUNICIPALITY'
  | 'NEGATIVE_NUMBER'
  | 'OUT_OF_RANGE'
  | 'CONTRADICTION'
  | 'CONTRADICTS_LIST_ITEM'
  | 'IMPLAUSIBLE'
  | 'UNKNOWN_FIELD';

/** One problem with the project facts; `field` is a dotted path, e.g. 'constructionSite.peakWorkers'. */
export interface FactIssue {
  field: string;
  code: FactIssueCode;
  message: string;
  /** (Optional.) Stable id of the rule that refused the fact, e.g. 'FACTS-SEVESO-IN-SUMMER-HOUSE-AREA'
   *  (see libs/permits/README.md, "Fact rules"). */
  rule?: string;
}

/** The project facts are invalid or contradict each other; nothing was screened. */
export class ScreeningValidationError extends DomainError<'SCREENING.INVALID_FACTS'> {
  constructor(readonly issues: FactIssue[]) {
    super('SCREENING.INVALID_FACTS', `Invalid project facts: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
}
