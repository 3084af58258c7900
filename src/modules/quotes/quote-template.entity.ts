import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';

/** A template line: a product and a quantity, and a price only where it departs from list. */
export interface TemplateLine {
  productId: string;
  /** A decimal string with up to 4 places, as the quote stores quantities. */
  qty: string;
  /** Money; absent means the product's list price on the day a quote is made from it. */
  unitPrice?: string;
}

/**
 * A starting point for quotes, e.g. 「华东经销商标准套餐」, so that a new hire
 * never copies an old quote by hand. The organisation's: everyone reads them.
 */
@Entity('quote_templates')
@Index('quote_templates_created_idx', ['createdAt', 'id'])
@Index('quote_templates_updated_idx', ['updatedAt', 'id'])
export class QuoteTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('quote_templates_name_uq', { unique: true })
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  lines: TemplateLine[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Stamped by the trigger stamp_updated_at on every write. */
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
