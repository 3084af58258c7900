import { Injectable } from '@nestjs/common';
import { ConnectedErp, ErpAdapterSource } from '../erp-adapter-source';

/** Stands in for the ERP connections until they exist: no connection is ever active. */
@Injectable()
export class NoActiveErp extends ErpAdapterSource {
  active(): Promise<ConnectedErp | null> {
    return Promise.resolve(null);
  }

  byId(): Promise<ConnectedErp | null> {
    return Promise.resolve(null);
  }
}
