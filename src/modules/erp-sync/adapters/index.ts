export * from './erp-adapter';
export { createErpAdapter } from './erp-adapter.factory';
export { K3CloudAdapter, K3CloudAdapterOptions } from './k3cloud.adapter';
export { U8Adapter, U8AdapterOptions } from './u8.adapter';
