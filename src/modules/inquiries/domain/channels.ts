/**
 * Where an inquiry came in: a call, a WeChat message, the website's form, a
 * walk-in at a store, an e-mail, or a trade-fair stand (展会).
 */
export const INQUIRY_CHANNELS = ['phone', 'wechat', 'web', 'store', 'email', 'exhibition'] as const;

export type InquiryChannel = (typeof INQUIRY_CHANNELS)[number];
