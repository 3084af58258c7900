import { catalogue } from '../../core/i18n/text';

/** The inquiries module's messages (API.md §8), in English and Chinese. */
export const inquiryMessages = catalogue({
  inquiry: { en: 'Inquiry', zh: '咨询' },
  oneCustomerKey: {
    en: 'give either customerId, or name and phone, not both',
    zh: '请提供 customerId，或者姓名和电话，二者只能选其一',
  },
  nameWithPhone: {
    en: 'is required with phone, to name a new lead',
    zh: '提供电话时必须同时提供姓名，用于新建线索',
  },
  phoneWithName: { en: 'is required with name', zh: '提供姓名时必须同时提供电话' },
});
