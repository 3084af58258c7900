import { openAsBlob, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { AppProcess, BUILT_ENTRY, freePort } from '../tools/app-process';
import { withScratchDatabase } from '../tools/scratch-database';
import { benchRow, writeCsv, writeXlsx } from './fixtures';
import { BenchReport, Figure, report, round, timed } from './harness';

const SMALL_ROWS = 23_000;
const LARGE_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const ADMIN_PASSWORD = 'bench-admin-password';

interface ImportSummary {
  id: string;
  status: 'running' | 'completed' | 'failed';
  totalRows: number;
  created: number;
  invalid: number;
}

/** Raw COPY of the same (already clean) rows into the same table: the floor any import stands on. */
async function copyBaseline(url: string, rows: number): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    // 64 KB chunks, as a well-written loader would send them: one chunk per row would slow the baseline.
    const chunks = function* () {
      let chunk = '';
      for (let i = 0; i < rows; i++) {
        const row = benchRow(i);
        const tags = `{${row.tags.split('、').join(',')}}`;
        chunk += `${row.name}\t${row.phone}\t${row.city}\t${tags}\t${row.frequency}\t${row.avgOrderValue}\n`;
        if (chunk.length >= 65536) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    };
    const { seconds } = await timed(() =>
      pipeline(
        Readable.from(chunks()),
        client.query(
          copyFrom(
            'COPY customers (name, phone, city, tags, purchase_frequency, avg_order_value) FROM STDIN',
          ),
        ),
      ),
    );
    await client.query('TRUNCATE customers CASCADE');
    return seconds;
  } finally {
    await client.end();
  }
}

async function importThroughApi(
  app: AppProcess,
  token: string,
  file: string,
  fileName: string,
): Promise<ImportSummary> {
  const form = new FormData();
  form.append('file', await openAsBlob(file), fileName);
  const headers = { authorization: `Bearer ${token}` };
  const started = await fetch(`${app.baseUrl}/api/v1/customers/imports`, {
    method: 'POST',
    headers,
    body: form,
  });
  let summary = (await started.json()) as ImportSummary;
  if (started.status !== 201 && started.status !== 202)
    throw new Error(`import refused: ${JSON.stringify(summary)}`);
  while (summary.status === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    summary = (await (
      await fetch(`${app.baseUrl}/api/v1/customers/imports/${summary.id}`, { headers })
    ).json()) as ImportSummary;
  }
  if (summary.status !== 'completed' || summary.invalid !== 0)
    throw new Error(`import did not complete cleanly: ${JSON.stringify(summary)}`);
  return summary;
}

/** Peak resident set of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

async function truncate(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('TRUNCATE customers CASCADE');
  await client.end();
}

export async function importBenchmark(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'sales-bench-'));
  try {
    const xlsx = join(dir, 'customers-23k.xlsx');
    const csv = join(dir, `customers-${LARGE_ROWS}.csv`);
    await writeXlsx(xlsx, SMALL_ROWS);
    await writeCsv(csv, LARGE_ROWS);
    return await withScratchDatabase(async (url) => {
      const app = new AppProcess(
        await freePort(),
        {
          DATABASE_URL: url,
          DATA_DIR: join(dir, 'app'),
          ADMIN_PASSWORD,
          // info: the import's own phase timings are read from the log.
          LOG_LEVEL: 'info',
          // A million rows is about 75 MB of CSV, over the 50 MB default limit.
          IMPORT_MAX_FILE_BYTES: String(256 * 1024 * 1024),
        },
        BUILT_ENTRY,
      );
      await app.start();
      try {
        const login = await app.json<{ accessToken: string }>('/api/v1/auth/login', {
          method: 'POST',
          body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
        });
        const token = login.body.accessToken;
        const smallCopy = await copyBaseline(url, SMALL_ROWS);
        const small = await timed(() => importThroughApi(app, token, xlsx, 'customers.xlsx'));
        await truncate(url);
        const largeCopy = await copyBaseline(url, LARGE_ROWS);
        const large = await timed(() => importThroughApi(app, token, csv, 'customers.csv'));
        const rss = peakRssMb(app.pid!);
        return report('import', figures(smallCopy, small.seconds, largeCopy, large.seconds, rss), {
          phasesMs: importPhases(app.output.join('')),
        });
      } finally {
        await app.stop();
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ImportPhases {
  chunks: number;
  totalMs: number;
  /** Time spent in the database (staging and merging chunks); the rest waited for rows. */
  databaseMs: number;
}

/** Each import's chunks and times, from its 'Customer import merged' log line. */
function importPhases(log: string): ImportPhases[] {
  return log
    .split('\n')
    .filter((line) => line.includes('Customer import merged'))
    .map((line) => {
      const { chunks, totalMs, databaseMs } = JSON.parse(line) as ImportPhases;
      return { chunks, totalMs, databaseMs };
    });
}

function figures(
  smallCopy: number,
  small: number,
  largeCopy: number,
  large: number,
  rssMb: number,
): Figure[] {
  const copyRate = LARGE_ROWS / largeCopy;
  const importRate = LARGE_ROWS / large;
  return [
    {
      name: `xlsx import of ${SMALL_ROWS} rows through the API`,
      value: round(small),
      unit: 's',
      baseline: {
        name: 'raw COPY of the same rows into customers',
        value: round(smallCopy),
        unit: 's',
      },
      ratio: round(small / smallCopy, 2),
      target: '<= 3 s (a low-code platform takes 180 s)',
      pass: small <= 3,
    },
    {
      name: `csv import of ${LARGE_ROWS} rows through the API`,
      value: round(large),
      unit: 's',
      baseline: {
        name: 'raw COPY of the same rows into customers',
        value: round(largeCopy),
        unit: 's',
      },
      ratio: round(large / largeCopy, 2),
      target: '<= 60 s',
      pass: large <= 60,
    },
    {
      name: 'import throughput as a share of raw COPY throughput',
      value: round((importRate / copyRate) * 100, 1),
      unit: '%',
      baseline: { name: 'raw COPY throughput', value: Math.round(copyRate), unit: 'rows/s' },
      target: '>= 50 %',
      pass: importRate / copyRate >= 0.5,
    },
    {
      name: 'peak RSS of the app process (VmHWM)',
      value: round(rssMb, 1),
      unit: 'MB',
      target: '<= 500 MB',
      pass: rssMb <= 500,
    },
  ];
}
