import { DomainException } from '../../core/errors/domain.exception';
import { catalogue } from '../../core/i18n/text';

export const PlaybookErrorCode = {
  PLAYBOOK_NOT_FOUND: 'PLAYBOOK_NOT_FOUND',
} as const;

/** The playbook module's messages, among them those of a rule that names a playbook. */
export const playbookMessages = catalogue({
  playbook: { en: 'Playbook', zh: '话术包' },
  playbookMissing: { en: 'The playbook does not exist', zh: '该话术包不存在' },
  noSuchPlaybook: { en: 'no playbook has this id', zh: '没有话术包使用此 id' },
});

/** A rule (a trigger rule, an alert rule) names a playbook that does not exist. */
export class PlaybookNotFoundException extends DomainException {
  constructor() {
    super('unprocessable', PlaybookErrorCode.PLAYBOOK_NOT_FOUND, playbookMessages.playbookMissing, {
      errors: [{ field: 'playbookId', message: playbookMessages.noSuchPlaybook }],
    });
  }
}
