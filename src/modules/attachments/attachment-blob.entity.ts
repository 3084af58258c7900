import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The bytes of attachments, stored once per content and addressed by their
 * sha256, which the CHECK holds to the content. The migration makes rows
 * immutable and stores the content uncompressed (most uploads are compressed
 * already: PDF, images, audio, Office zips).
 */
@Entity('attachment_blobs')
@Check('attachment_blobs_sha256_ck', `sha256 = encode(sha256(content), 'hex')`)
export class AttachmentBlobEntity {
  /** Lower-case hex. */
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
