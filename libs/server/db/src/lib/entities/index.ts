import { AuthorityEntity } from './authority.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

export { AuthorityEntity, OrganisationEntity, UserEntity };
export type { UserRole } from './user.entity';

/** Every entity, listed explicitly (no globs: they break under bundlers and Jest). */
export const ENTITIES = [AuthorityEntity, OrganisationEntity, UserEntity];
