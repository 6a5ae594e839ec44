import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A company applying for permits, identified by its CVR number. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** CVR-nummer (Det Centrale Virksomhedsregister), 8 digits. */
  @Index({ unique: true })
  @Column({ type: 'text' })
  cvr!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
