import { DomainError } from './domain-error';

/** Thrown when a permit code is not in the requested catalogue version. */
export class UnknownPermitCodeError extends DomainError {
  readonly code = 'CATALOG.UNKNOWN_PERMIT_CODE';
  constructor(
    readonly permitCode: string,
    readonly catalogVersion: string,
  ) {
    super(`Unknown permit code '${permitCode}' in catalogue version ${catalogVersion}`);
  }
}

/** Thrown when a catalogue version id is not published, or no version applies on a date. */
export class UnknownCatalogVersionError extends DomainError {
  readonly code = 'CATALOG.UNKNOWN_VERSION';
  constructor(readonly requested: string) {
    super(`No catalogue version matches '${requested}'`);
  }
}

/** Thrown when a municipality code is not one of the 98 Danish municipality codes. */
export class UnknownMunicipalityError extends DomainError {
  readonly code = 'CATALOG.UNKNOWN_MUNICIPALITY';
  constructor(readonly municipalityCode: string) {
    super(`Unknown municipality code '${municipalityCode}'`);
  }
}
