export * from './erp-adapter';
export { createErpAdapter } from './erp-adapter.factory';
export { K3CloudAdapter } from './k3cloud.adapter';
export type { K3CloudAdapterOptions } from './k3cloud.adapter';
export { U8Adapter } from './u8.adapter';
export type { U8AdapterOptions } from './u8.adapter';
