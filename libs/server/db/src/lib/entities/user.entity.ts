import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type UserRole = 'applicant' | 'caseworker' | 'coordinator' | 'admin';

/**
 * A person using the system. Applicants belong to exactly one organisation, caseworkers to
 * exactly one authority (enforced by a CHECK constraint in the migration).
 */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Login name for dev-login. OIDC tokens are matched by (issuer, sub) in user_external_identities only. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  username!: string;


  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  @Column({ name: 'authority_id', type: 'uuid', nullable: true })
  authorityId!: string | null;

  /** Preferred language for e-mails and UI ('da' default). */
  @Column({ type: 'text', default: 'da' })
  locale!: 'da' | 'en';

  /** Set when an admin deactivated the user: every token of the user is refused (403). */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
