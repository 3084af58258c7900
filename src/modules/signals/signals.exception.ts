import { DomainException } from '../../core/errors/domain.exception';

export const SignalErrorCode = {
  PLAYBOOK_NOT_FOUND: 'PLAYBOOK_NOT_FOUND',
} as const;

export class PlaybookNotFoundException extends DomainException {
  constructor() {
    super('unprocessable', SignalErrorCode.PLAYBOOK_NOT_FOUND, 'The playbook does not exist', {
      errors: [{ field: 'playbookId', message: 'no playbook has this id' }],
    });
  }
}
