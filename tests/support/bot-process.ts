import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { PROJECT_ROOT } from './run-process.ts';


/** The bot as a real process (what `npm start` runs), with its stderr JSON logs collected. */
export class BotProcess {
  readonly logs: string[] = [];
  stdout = '';
  port: number | undefined;
  /** Where GET /metrics is served (its own listener, METRICS_PORT; a free port in tests). */
  metricsPort: number | undefined;
  private exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        this.logs.push(line);
        const port = /"port":(\d+),"msg":"http server listening/.exec(line);
        if (port) this.port = Number(port[1]);
        const metricsPort = /"port":(\d+),"msg":"metrics server listening/.exec(line);
        if (metricsPort) this.metricsPort = Number(metricsPort[1]);
      }
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.exited = new Promise((resolvePromise) => child.on('exit', (code) => resolvePromise(code)));
  }

  /** `cwd`: a copy of the project to run instead of this checkout (replicas, each with its own .cache/). */
  static start(env: Record<string, string>, options: { cwd?: string } = {}): BotProcess {
    // What `npm start` runs: node itself, so signals reach the bot and not a wrapper.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new BotProcess(child);
  }

  async waitForLog(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = this.logs.find((l) => pattern.test(l));
      if (line) return line;
      if (this.child.exitCode !== null) throw new Error(`bot exited (${this.child.exitCode}) before ${pattern}:\n${this.logs.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting for ${pattern}; logs:\n${this.logs.join('\n')}`);
  }

  async health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`http://127.0.0.1:${this.port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Sends a signal and resolves with the exit code and how long the exit took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    this.child.kill(signal);
    const code = await this.exited;
    return { code, ms: Date.now() - started };
  }

  /** Resolves with the exit code when the process exits by itself. */
  exit(): Promise<number | null> {
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
    server.on('error', reject);
  });
}
