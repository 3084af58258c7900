import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { UserEntity } from '../org/user.entity';
import type { ArticleSource, ArticleStatus } from './domain/knowledge-base';

/**
 * A knowledge-base article. `search` holds the jieba terms of its title,
 * tags and body, weighted in that order, written by the app on every write
 * (PostgreSQL cannot segment Chinese itself): see docs/knowledge-base.md.
 * An auto_faq draft carries the tickets it was drafted from and their
 * `cluster_key`, a hash of the sorted ticket ids, so the same cluster is
 * never drafted twice.
 */
@Entity('kb_articles')
@Index('kb_articles_created_idx', ['createdAt', 'id'])
@Index('kb_articles_updated_idx', ['updatedAt', 'id'])
@Index('kb_articles_cluster_key_uq', ['clusterKey'], { unique: true })
@Index('kb_articles_search_gin', { synchronize: false })
@Index('kb_articles_tags_gin', { synchronize: false })
export class KbArticleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text' })
  status: ArticleStatus;

  @Column({ type: 'text' })
  source: ArticleSource;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  exampleTicketIds: string[];

  /** sha256 of an auto_faq draft's sorted ticket ids; null for manual articles. */
  @Column({ type: 'text', nullable: true })
  clusterKey: string | null;

  @Column({ type: 'tsvector', select: false })
  search: string;

  /** Null when an API key or the auto_faq job wrote it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** A read receipt: one per (article, reader), the first read kept. */
@Entity('kb_article_reads')
@Index('kb_article_reads_user_idx', ['userId'])
export class KbArticleReadEntity {
  @PrimaryColumn({ type: 'uuid' })
  articleId: string;

  @ManyToOne(() => KbArticleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Relation<KbArticleEntity>;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  readAt: Date;
}
