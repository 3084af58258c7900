import { catalogue } from '../../core/i18n/text';

/** The todo module's messages; it raises only the platform's exceptions, with these names. */
export const todoMessages = catalogue({
  todo: { en: 'Todo', zh: '待办' },
});
