/** What another module hangs attachments on; a `quote` holds the PDFs generated of it. */
export type SubjectType = 'follow_up' | 'playbook' | 'quote';

/** A subject; `customerId` admits everyone who sees that customer to its attachments. */
export interface AttachmentSubject {
  type: SubjectType;
  id: string;
  customerId: string | null;
}
