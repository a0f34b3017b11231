// Child processes of the pipeline: detached, logging to a file, recorded in state.json so down/status find them.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { isAlive } from '../infra/kafka/processes.ts';

export interface ChildRecord {
  name: string;
  pid: number;
  /** the HTTP or Redis port it serves */
  port: number;
  log: string;
  /** false for a Redis that was already listening (sut:down leaves it alone) */
  owned: boolean;
}

/** Starts `cmd args` detached from this process, stdout and stderr appended to `log`. */
export function spawnDetached(name: string, cmd: string, args: readonly string[], port: number, log: string, cwd: string): ChildRecord {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { cwd, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${name} (${cmd})`);
  return { name, pid: child.pid, port, log, owned: true };
}

/** A port nobody listens on now (the OS picks it); used when an option asks for port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function childAlive(c: ChildRecord): boolean {
  return isAlive(c.pid);
}

export function logTail(file: string, lines = 25): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '(no log)';
}
