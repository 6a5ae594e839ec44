import type { FieldProblem } from '@rl/permits-catalog';
import { ApiError } from '../common/problem';

/** 422: the application breaks its JSON Schema; every failing field, nothing saved. */
export class ApplicationInvalidError extends ApiError {
  constructor(problems: FieldProblem[]) {
    super('APPLICATION.INVALID', `The application has ${problems.length} invalid field(s); see errors[] (JSON Pointers, Danish and English messages).`, {
      errors: problems.map((p) => ({ field: p.pointer, pointer: p.pointer, code: 'SCHEMA', message: p.en, da: p.da, en: p.en })),
    });
  }
}

export interface PermitSetEntry {
  code: string;
  nameDa: string;
  nameEn: string;
}

/** 409: edited facts change the permit set and the company has not confirmed that change. */
export class PermitSetChangeUnconfirmedError extends ApiError {
  constructor(added: PermitSetEntry[], dropped: PermitSetEntry[]) {
    super(
      'APPLICATION.PERMIT_SET_CHANGE_UNCONFIRMED',
      'The new facts change which permits the project needs; send them again with confirm: {added, dropped} naming exactly these permit codes.',
      { added, dropped },
    );
  }
}
