import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One measured figure, beside the baseline it is judged against (measured in the same run). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline, where both are times or both are rates. */
  ratio?: number;
  target: string;
  pass: boolean;
}

export interface BenchReport {
  benchmark: string;
  ranAt: string;
  machine: { cpus: number; cpuModel: string; node: string };
  figures: Figure[];
  /** Where the time went, as the app logged it: for reading, not judged. */
  details?: Record<string, unknown>;
}

export function report(
  benchmark: string,
  figures: Figure[],
  details?: Record<string, unknown>,
): BenchReport {
  return {
    benchmark,
    ranAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
    },
    figures,
    details,
  };
}

/** Writes bench/results/<benchmark>-<time>.json and returns its path. */
export function save(result: BenchReport): string {
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.benchmark}-${result.ranAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));
