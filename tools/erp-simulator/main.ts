import { readFileSync } from 'node:fs';
import {
  ErpSimulatorSeed,
  faultsFromEnv,
  SIMULATOR_K3_CREDENTIALS,
  SIMULATOR_U8_CREDENTIALS,
  startErpSimulator,
} from './simulator';

/*
 * npm run erp:simulator [-- --port 4010 --host 127.0.0.1 --seed seed.json]
 * Port: --port, else ERP_SIM_PORT, else 4010. Faults: ERP_SIM_* (docs/erp-sync.md).
 */

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const inline = args.find((arg) => arg.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(flag('port') ?? env.ERP_SIM_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${port}`);
  const seedFile = flag('seed') ?? env.ERP_SIM_SEED_FILE;
  const seed = seedFile
    ? (JSON.parse(readFileSync(seedFile, 'utf8')) as ErpSimulatorSeed)
    : undefined;
  const simulator = await startErpSimulator({
    port,
    host: flag('host') ?? env.ERP_SIM_HOST ?? '127.0.0.1',
    faults: faultsFromEnv(env),
    seed,
    tokenTtlSeconds: env.ERP_SIM_TOKEN_TTL_S ? Number(env.ERP_SIM_TOKEN_TTL_S) : undefined,
    k3: {
      acctID: env.ERP_SIM_K3_ACCT_ID ?? SIMULATOR_K3_CREDENTIALS.acctID,
      username: env.ERP_SIM_K3_USERNAME ?? SIMULATOR_K3_CREDENTIALS.username,
      password: env.ERP_SIM_K3_PASSWORD ?? SIMULATOR_K3_CREDENTIALS.password,
    },
    u8: {
      fromAccount: env.ERP_SIM_U8_FROM_ACCOUNT ?? SIMULATOR_U8_CREDENTIALS.fromAccount,
      appKey: env.ERP_SIM_U8_APP_KEY ?? SIMULATOR_U8_CREDENTIALS.appKey,
      appSecret: env.ERP_SIM_U8_APP_SECRET ?? SIMULATOR_U8_CREDENTIALS.appSecret,
    },
  });
  console.log(`ERP simulator (K3 Cloud + U8) listening on ${simulator.url}`);
  console.log(`faults: ${JSON.stringify(simulator.faults())}`);
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
