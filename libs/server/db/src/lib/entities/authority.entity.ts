import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A public authority that decides permits: one of the 98 municipalities or a state agency. */
@Entity({ name: 'authorities' })
export class AuthorityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable routing code: `KOMMUNE-<kommunekode>` for municipalities, agency code otherwise (MST, DKMA, …). */
  @Index({ unique: true })
  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  kind!: 'municipality' | 'stateAgency' | 'region' | 'museum' | 'gridOperator' | 'oneStopShop';

  /** Kommunekode (3 digits) for municipalities, null otherwise. */
  @Column({ name: 'municipality_code', type: 'text', nullable: true })
  municipalityCode!: string | null;

  @Column({ name: 'name_da', type: 'text' })
  nameDa!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
