import { catalogue } from '../../core/i18n/text';

/** The playbook module's messages; it raises only the platform's exceptions, with these names. */
export const playbookMessages = catalogue({
  playbook: { en: 'Playbook', zh: '话术包' },
});
