import { Injectable } from '@nestjs/common';
import { ConnectedErp, ErpAdapterSource } from '../erp-adapter-source';

/**
 * Stands in for the ERP connections until they are merged (branch erp-conn):
 * no connection is ever active. To be deleted at that merge, when the module
 * imports the connections' ErpAdapterSource instead.
 */
@Injectable()
export class NoErpConnections extends ErpAdapterSource {
  active(): Promise<ConnectedErp | null> {
    return Promise.resolve(null);
  }

  byId(): Promise<ConnectedErp | null> {
    return Promise.resolve(null);
  }
}
