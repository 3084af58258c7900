import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '../i18n/text';
import type { ImportRowError, ImportStatus } from './import-journal';
import type { SheetFormat } from './sheets/file-format';

/**
 * The columns every import's table has (customer_imports, product_imports),
 * which the shared ImportJournal reads and writes: who ran it, on which file,
 * and how it went. An importer's entity extends this with its table name and
 * indexes, the `creator` relation, and the count its merge adds beside
 * `created` and `invalid` (customers `merged`, products `updated`). Its counts
 * and errors are written in the same transaction as the rows it merged, so
 * `completed` means they are there and `failed` means none are.
 */
export abstract class ImportRunColumns {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The user who ran it; null for an integrator's API key. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The caller (user or API key), as idempotency keys are scoped. */
  @Column({ type: 'text' })
  callerKey: string;

  /** Unique per caller; released when the import fails or the key is over 24 h old. */
  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** sha256 of the file and of the options that shape it: what "the same request" means for a replay. */
  @Column({ type: 'char', length: 64 })
  requestFingerprint: string;

  @Column({ type: 'char', length: 64 })
  fileSha256: string;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  format: SheetFormat;

  /** The file's header row, for the error report's columns. */
  @Column({ type: 'jsonb' })
  headers: string[];

  @Column({ type: 'text', default: 'running' })
  status: ImportStatus;

  /** Known once the whole file is read. */
  @Column({ type: 'int', nullable: true })
  totalRows: number | null;

  @Column({ type: 'int', default: 0 })
  processedRows: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  invalid: number;

  /** The first 1000 row errors; all of them are in the importer's rejections table. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: ImportRowError[];

  @Column({ type: 'text', nullable: true })
  failureCode: string | null;

  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  /** The language of the request that started it: rejected rows' and failures' reasons are in it. */
  @Column({ type: 'text', default: 'en' })
  language: Language;

  /** Bumped while the import runs; a running import whose heartbeat stops is failed. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  heartbeatAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  finishedAt: Date | null;
}
