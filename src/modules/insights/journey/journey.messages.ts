import { catalogue } from '../../../core/i18n/text';

/** The customer journey's messages, in English and Chinese. */
export const journeyMessages = catalogue({
  toNotAfterFrom: { en: 'must be after from', zh: '必须晚于 from' },
});
