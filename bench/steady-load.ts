import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SteadyRound {
  /** Each response's latency, from the moment its request was due. */
  latenciesMs: number[];
  seconds: number;
}

export interface SteadyTarget {
  url: string;
  headers: Record<string, string>;
}

/**
 * An open-loop load: requests are due at a steady `rate` a second, one every
 * 1/rate s, sent on up to `connections` keep-alive sockets, and each latency
 * counts from when its request was due, so a stall in the server shows in
 * full (no coordinated omission). autocannon's rate limit is no use here: it
 * sends each connection's quota at the start of every second, in one burst,
 * and so measures its own queue.
 */
export async function steadyLoad(
  target: SteadyTarget,
  paths: string[],
  { rate, seconds, connections }: { rate: number; seconds: number; connections: number },
): Promise<SteadyRound> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round(rate * seconds);
  try {
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const sent = get(agent, new URL(paths[i % paths.length], target.url), target.headers).then(
        (status) => {
          if (status >= 200 && status < 300) latenciesMs.push(performance.now() - due);
          else failures.push(String(status));
        },
        (error: Error) => void failures.push(error.message),
      );
      inFlight.add(sent);
      void sent.finally(() => inFlight.delete(sent));
    }
    await Promise.all(inFlight);
  } finally {
    agent.destroy();
  }
  if (failures.length) {
    throw new Error(
      `${target.url}: ${failures.length} failed requests (${failures.slice(0, 5).join(', ')}): ` +
        'a benchmark of failures measures nothing',
    );
  }
  return { latenciesMs, seconds: (performance.now() - started) / 1000 };
}

/** GETs `url`, reads the whole answer, and resolves with its status. */
function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The value below which `share` of the sorted `values` lie (nearest rank). */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}
