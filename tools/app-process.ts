import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** The TypeScript entry point, compiled on the fly (tests); benchmarks run the build instead. */
export const SOURCE_ENTRY = ['-r', 'ts-node/register/transpile-only', 'src/main.ts'];
export const BUILT_ENTRY = ['dist/src/main.js'];

/**
 * The real entry point in a child process, as `npm start` runs it, so that the
 * embedded database, signals, restarts and memory use are those of production.
 */
export class AppProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly entry: string[] = SOURCE_ENTRY,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(this.port),
      LOG_LEVEL: 'info',
      ...this.env,
    };
    // The child must choose its own database: never inherit the suite's DATABASE_URL.
    if (!this.env.DATABASE_URL) delete env.DATABASE_URL;
    this.child = spawn(process.execPath, this.entry, { cwd: ROOT, env });
    this.child.stdout!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null)
        throw new Error(`app exited early:\n${this.output.join('')}`);
      if (await this.isReady()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`app not ready in ${timeoutMs} ms:\n${this.output.join('')}`);
  }

  private async isReady(): Promise<boolean> {
    try {
      return (await fetch(`${this.baseUrl}/health/ready`)).ok;
    } catch {
      return false;
    }
  }

  /** Sends the signal and resolves with the exit code (null when the signal killed it). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return child?.exitCode ?? null;
    }
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code] = (await exited) as [number | null];
    return code;
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as T };
  }
}
