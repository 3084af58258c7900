import { Injectable } from '@nestjs/common';
import { createErpAdapter, ErpConnection } from '../adapters';
import { ConnectedErp, ErpAdapterSource } from '../erp-adapter-source';
import { CredentialCipher } from './credential-cipher';
import { ErpCredentialsUnreadableError } from './erp-connections.exception';
import { ErpConnectionsRepository, SealedErpConnection } from './erp-connections.repository';

/**
 * ErpAdapterSource over the stored connections. The row is read on every
 * call (one indexed row), so a change made through another replica counts at
 * once; the adapter is rebuilt only when the row's version moved, so K3
 * sessions and U8 tokens live on between jobs.
 */
@Injectable()
export class ConnectionAdapterSource extends ErpAdapterSource {
  /** By connection id: the adapter built for the version it was built from. */
  private readonly cache = new Map<string, { version: number; connected: ConnectedErp }>();

  constructor(
    private readonly connections: ErpConnectionsRepository,
    private readonly cipher: CredentialCipher,
  ) {
    super();
  }

  async active(): Promise<ConnectedErp | null> {
    return this.connect(await this.connections.findActiveSealed());
  }

  async byId(connectionId: string): Promise<ConnectedErp | null> {
    return this.connect(await this.connections.findSealed(connectionId));
  }

  /** Building is synchronous, so concurrent callers of one version cannot build two adapters. */
  private connect(row: SealedErpConnection | undefined): ConnectedErp | null {
    if (!row) return null;
    const cached = this.cache.get(row.id);
    if (cached?.version === row.version) return cached.connected;
    const connected: ConnectedErp = {
      connectionId: row.id,
      name: row.name,
      kind: row.kind,
      adapter: createErpAdapter(this.decrypted(row)),
    };
    this.cache.set(row.id, { version: row.version, connected });
    return connected;
  }

  private decrypted(row: SealedErpConnection): ErpConnection {
    let credentials: Record<string, string>;
    try {
      credentials = this.cipher.open(row.credentials);
    } catch {
      throw new ErpCredentialsUnreadableError(row.id, row.name);
    }
    // Credentials and defaults were checked against the row's kind when written.
    return {
      kind: row.kind,
      baseUrl: row.baseUrl,
      credentials: credentials as unknown as ErpConnection['credentials'],
      defaults: row.defaults,
      timeoutMs: row.timeoutMs,
    } as ErpConnection;
  }
}
