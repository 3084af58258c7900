/** What another module hangs attachments on. */
export type SubjectType = 'follow_up' | 'playbook';

/** A subject; `customerId` admits everyone who sees that customer to its attachments. */
export interface AttachmentSubject {
  type: SubjectType;
  id: string;
  customerId: string | null;
}
