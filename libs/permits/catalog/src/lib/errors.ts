import { DomainError } from './domain-error';

/** Thrown when a permit code is not in the requested catalogue version. */
export class UnknownPermitCodeError extends DomainError<'CATALOG.UNKNOWN_PERMIT_CODE'> {
  constructor(
    readonly permitCode: string,
    readonly catalogVersion: string,
  ) {
    super('CATALOG.UNKNOWN_PERMIT_CODE', `Unknown permit code '${permitCode}' in catalogue version ${catalogVersion}`);
  }
}

/** Thrown when a catalogue version id is not published, or no version applies on a date. */
export class UnknownCatalogVersionError extends DomainError<'CATALOG.UNKNOWN_VERSION'> {
  constructor(readonly requested: string) {
    super('CATALOG.UNKNOWN_VERSION', `No catalogue version matches '${requested}'`);
  }
}

/** Thrown when a municipality code is not one of the 98 Danish municipality codes. */
export class UnknownMunicipalityError extends DomainError<'CATALOG.UNKNOWN_MUNICIPALITY'> {
  constructor(readonly municipalityCode: string) {
    super('CATALOG.UNKNOWN_MUNICIPALITY', `Unknown municipality code '${municipalityCode}'`);
  }
}
