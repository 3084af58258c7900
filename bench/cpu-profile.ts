/**
 * Summarises a V8 .cpuprofile (as `node --cpu-prof` writes it): the functions with the most
 * self time, and the busy time by package. Also a command:
 * `npx ts-node --transpile-only bench/cpu-profile.ts <file.cpuprofile>` prints the summary.
 */
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { round } from './harness';

const ROOT = resolve(__dirname, '..');
const TOP_FUNCTIONS = 25;
/** Packages below this share of busy time are summed into one line. */
const MIN_PACKAGE_PERCENT = 0.5;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  /** Node id of each sample, and the microseconds since the sample before it. */
  samples: number[];
  timeDeltas: number[];
}

/** Times on CLOCK_MONOTONIC in microseconds, the clock of the profile and of process.hrtime. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

type PackageShare = { package: string; ms: number; percent: number };

export interface CpuProfileSummary {
  sampledMs: number;
  idlePercent: number;
  /** Shares of the busy (not idle) time, by where the sampled function lives. */
  byPackage: PackageShare[];
  /**
   * The same, with node internals and native code charged to the nearest package (or our
   * dist code) in the stack that called them: what each package's work costs in all.
   */
  byCallingPackage: PackageShare[];
  topSelf: { function: string; location: string; selfMs: number; percent: number }[];
}

/**
 * The flags that make a Node process write its main thread's profile into `dir`
 * (each worker thread writes its own file beside it).
 */
export const cpuProfileFlags = (dir: string) => ['--cpu-prof', `--cpu-prof-dir=${dir}`];

/** Moves the main thread's profile (thread id 0 in Node's file name) to `file`, and drops `dir`. */
export function keepMainThreadProfile(dir: string, file: string): string {
  const main = readdirSync(dir).find((name) =>
    /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name),
  );
  if (!main) throw new Error(`no main-thread CPU profile in ${dir}`);
  renameSync(join(dir, main), file);
  rmSync(dir, { recursive: true, force: true });
  return file;
}

/** node_modules/<package>, node internals, our build (dist), or V8's own (no script). */
function packageOf({ url, functionName }: CallFrame): string {
  if (!url) return functionName.startsWith('(') ? `V8 ${functionName}` : 'V8 builtins and native';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const parts = path.slice(inModules + '/node_modules/'.length).split('/');
    return `node_modules/${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (path.startsWith(join(ROOT, 'dist'))) return 'dist (our code)';
  return `other: ${path}`;
}

function locationOf({ url, lineNumber, columnNumber }: CallFrame): string {
  if (!url) return '(native)';
  const path = url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
  return `${path}:${lineNumber + 1}:${columnNumber + 1}`;
}

/** Self time per profile node, in microseconds, over the samples inside `window` (all if none). */
function selfTimes(profile: CpuProfile, window?: ProfileWindow): Map<number, number> {
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((nodeId, i) => {
    at += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    if (window && (at < window.fromUs || at >= window.toUs)) return;
    self.set(nodeId, (self.get(nodeId) ?? 0) + span);
  });
  return self;
}

function ranked<K>(totals: Map<K, number>): [K, number][] {
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function add<K>(totals: Map<K, number>, key: K, us: number): void {
  totals.set(key, (totals.get(key) ?? 0) + us);
}

/** A package, or our own dist code: what node internals and native code are charged to. */
const isPackage = (pkg: string) => pkg.startsWith('node_modules/') || pkg.startsWith('dist');

/** Each node's package, or its nearest calling package when it is node's or V8's own code. */
function callingPackages(profile: CpuProfile): Map<number, string> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const charged = new Map<number, string>();
  const chargedTo = (id: number): string => {
    let pkg = charged.get(id);
    if (pkg === undefined) {
      const own = packageOf(frames.get(id)!);
      const up = parent.has(id) ? chargedTo(parent.get(id)!) : own;
      pkg = isPackage(own) || !isPackage(up) ? own : up;
      charged.set(id, pkg);
    }
    return pkg;
  };
  return new Map(profile.nodes.map((node) => [node.id, chargedTo(node.id)]));
}

export function summariseCpuProfile(file: string, window?: ProfileWindow): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const calling = callingPackages(profile);
  const byPackage = new Map<string, number>();
  const byCallingPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let sampled = 0;
  let idle = 0;
  for (const [nodeId, us] of selfTimes(profile, window)) {
    const frame = frames.get(nodeId)!;
    sampled += us;
    if (frame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    add(byPackage, packageOf(frame), us);
    add(byCallingPackage, calling.get(nodeId)!, us);
    add(byFunction, `${frame.functionName || '(anonymous)'}\t${locationOf(frame)}`, us);
  }
  if (!sampled) throw new Error(`${file} has no samples in the window`);
  const busy = sampled - idle;
  const percent = (us: number) => round((100 * us) / busy, 1);
  const shares = (totals: Map<string, number>): PackageShare[] => {
    const all = ranked(totals).map(([name, us]) => ({
      package: name,
      ms: Math.round(us / 1000),
      percent: percent(us),
    }));
    const small = all.filter((share) => share.percent < MIN_PACKAGE_PERCENT);
    const others = small.reduce((sum, share) => sum + share.ms, 0);
    return [
      ...all.filter((share) => share.percent >= MIN_PACKAGE_PERCENT),
      {
        package: `(${small.length} others, each < ${MIN_PACKAGE_PERCENT} %)`,
        ms: others,
        percent: percent(others * 1000),
      },
    ];
  };
  return {
    sampledMs: Math.round(sampled / 1000),
    idlePercent: round((100 * idle) / sampled, 1),
    byPackage: shares(byPackage),
    byCallingPackage: shares(byCallingPackage),
    topSelf: ranked(byFunction)
      .slice(0, TOP_FUNCTIONS)
      .map(([key, us]) => {
        const [fn, location] = key.split('\t');
        return { function: fn, location, selfMs: Math.round(us / 1000), percent: percent(us) };
      }),
  };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: ts-node --transpile-only bench/cpu-profile.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(JSON.stringify(summariseCpuProfile(file), null, 2));
}
