// Starts and stops the packaged service (api/target/funnelstream.jar) on free ports with a fresh data dir.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A JDK of 21 or newer: JAVA_HOME (set by ./funnelstream and the Maven build), else the newest under /usr/lib/jvm. */
export function javaBinary() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  if (existsSync('/usr/lib/jvm')) {
    for (const d of readdirSync('/usr/lib/jvm').sort().reverse()) candidates.push(join('/usr/lib/jvm', d));
  }
  for (const home of candidates) {
    const java = join(home, 'bin', 'java');
    if (!existsSync(java)) continue;
    const version = spawnSync(java, ['-version'], { encoding: 'utf8' }).stderr ?? '';
    const major = Number((version.match(/version "(\d+)/) ?? [])[1]);
    if (major >= 21) return java;
  }
  throw new Error('no JDK 21 or newer found (set JAVA_HOME)');
}

export class Service {
  constructor({ jar, dataDir, httpPort, postgresPort, log }) {
    Object.assign(this, { jar, dataDir, httpPort, postgresPort, log });
    this.base = `http://127.0.0.1:${httpPort}`;
    this.process = null;
  }

  start(args = []) {
    const out = createWriteStream(this.log, { flags: 'a' });
    this.process = spawn(javaBinary(), ['-Xmx768m', '-jar', this.jar, ...args], {
      env: {
        ...process.env,
        SPRING_PROFILES_ACTIVE: '',
        FS_DATA_DIR: this.dataDir,
        FS_HTTP_PORT: String(this.httpPort),
        FS_EMBEDDED_POSTGRES_PORT: String(this.postgresPort),
        FS_LOG_FORMAT: 'text',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout.pipe(out);
    this.process.stderr.pipe(out);
    this.exited = new Promise((resolve) => this.process.once('exit', resolve));
  }

  async waitUntilHealthy(timeoutMs = 300_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process?.exitCode !== null && this.process?.exitCode !== undefined) {
        throw new Error(`the service exited with ${this.process.exitCode}; see ${this.log}`);
      }
      try {
        const response = await fetch(`${this.base}/actuator/health`);
        if (response.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`the service did not become healthy within ${timeoutMs / 1000} s; see ${this.log}`);
  }

  /** SIGTERM, then SIGKILL if it lingers; resolves when the process is gone. */
  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** One value from the embedded PostgreSQL, as its superuser (psql from Debian's postgresql-client). */
  sql(query) {
    const result = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(this.postgresPort), '-U', 'postgres', '-d',
      'funnelstream', '-tA', '-F', '|', '-c', query], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
    return result.stdout.trim();
  }

  async waitForFile(name, timeoutMs = 120_000) {
    const file = join(this.dataDir, name);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (existsSync(file)) {
        const text = readFileSync(file, 'utf8').trim();
        if (text) return text;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${file} did not appear; see ${this.log}`);
  }
}
