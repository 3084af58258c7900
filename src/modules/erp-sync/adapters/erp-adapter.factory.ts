import { ErpAdapter, ErpConnection } from './erp-adapter';
import { K3CloudAdapter } from './k3cloud.adapter';
import { U8Adapter } from './u8.adapter';

/**
 * The adapter for a connection. Adapters keep their session or token, so make
 * one per connection and reuse it, rather than one per job.
 */
export function createErpAdapter(connection: ErpConnection): ErpAdapter {
  switch (connection.kind) {
    case 'k3cloud':
      return new K3CloudAdapter(connection);
    case 'u8':
      return new U8Adapter(connection);
  }
}
