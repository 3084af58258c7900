import type { ErpAdapter, ErpKind } from './adapters';

/** An ERP connection ready for use: its adapter, built from the decrypted credentials. */
export interface ConnectedErp {
  connectionId: string;
  name: string;
  kind: ErpKind;
  adapter: ErpAdapter;
}

/**
 * Where the dispatcher, the stock pull and the reconciliation get their ERP.
 * The ERP connections implement it (connections/). Adapters are reused for as
 * long as their connection is unchanged, so that K3 sessions and U8 tokens
 * outlive a single job.
 */
export abstract class ErpAdapterSource {
  /** The active connection, or null when none is active. */
  abstract active(): Promise<ConnectedErp | null>;
  /** One connection (a job keeps the one it was queued under), or null when it does not exist. */
  abstract byId(connectionId: string): Promise<ConnectedErp | null>;
}
