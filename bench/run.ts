/**
 * `npm run bench` runs every benchmark; `npm run bench -- import` runs one.
 * Each writes JSON to bench/results/ and prints it; the exit code is 1 if a target is missed.
 */
import { apiBenchmark } from './api.bench';
import { erpBenchmark } from './erp.bench';
import { BenchReport, save } from './harness';
import { importBenchmark } from './import.bench';
import { insightsBenchmark } from './insights.bench';
import { kbBenchmark } from './kb.bench';
import { metricsBenchmark } from './metrics.bench';
import { quotesBenchmark } from './quotes.bench';
import { rebatesBenchmark } from './rebates.bench';
import { signalsBenchmark } from './signals.bench';
import { silentPeriodBenchmark } from './silent-period.bench';

const BENCHMARKS: Record<string, () => Promise<BenchReport>> = {
  import: importBenchmark,
  'silent-period': silentPeriodBenchmark,
  signals: signalsBenchmark,
  api: apiBenchmark,
  quotes: quotesBenchmark,
  erp: erpBenchmark,
  rebates: rebatesBenchmark,
  metrics: metricsBenchmark,
  kb: kbBenchmark,
  insights: insightsBenchmark,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    process.exit(2);
  }
  let missed = false;
  for (const name of wanted.length ? wanted : Object.keys(BENCHMARKS)) {
    const result = await BENCHMARKS[name]();
    console.log(JSON.stringify(result, null, 2));
    console.log(`Saved ${save(result)}`);
    missed ||= result.figures.some((figure) => !figure.pass);
  }
  process.exit(missed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
