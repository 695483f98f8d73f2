/**
 * nginx as the reference static server of the serving benchmark: started from a generated config in
 * a temp directory on a loopback port, serving the same client/ directory, stopped by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NGINX = '/usr/sbin/nginx';

/** A config as a production static nginx would have it: sendfile, keep-alive, no access log, 404.html. */
export function nginxConfig(opts: { root: string; port: number; workers: number; dir: string; connections: number }): string {
  const t = (name: string) => join(opts.dir, name);
  return `worker_processes ${opts.workers};
worker_rlimit_nofile ${opts.connections * 2 + 1024};
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
daemon off;
events { worker_connections ${opts.connections * 2}; multi_accept on; }
http {
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 65; keepalive_requests 1000000;
  open_file_cache max=1000 inactive=60s;
  types { text/html html; application/json json; image/svg+xml svg; application/javascript js; text/css css; }
  client_body_temp_path ${t('body')}; proxy_temp_path ${t('proxy')}; fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')}; scgi_temp_path ${t('scgi')};
  server {
    listen 127.0.0.1:${opts.port} backlog=4096;
    root ${opts.root};
    error_page 404 /404.html;
  }
}
`;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((done) => {
      const s = createConnection({ port, host: '127.0.0.1' }, () => {
        s.destroy();
        done(true);
      });
      s.once('error', () => done(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunningNginx {
  /** The master's pid (its workers are its children). */
  pid: number;
  stop(): Promise<void>;
}

/** Starts nginx on 127.0.0.1:port serving `root` with `workers` worker processes. */
export async function startNginx(root: string, port: number, workers: number, connections: number): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`nginx not found at ${NGINX} — install it: apt-get install -y nginx`);
  const dir = mkdtempSync(join(tmpdir(), 'fluxstatus-bench-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig({ root, port, workers, dir, connections }));
  const child: ChildProcess = spawn('sh', ['-c', `ulimit -n ${connections * 2 + 1024} 2>/dev/null || true; exec ${NGINX} -p "$0" -e "$0/error.log" -c "$1"`, dir, conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await Promise.race([waitForPort(port, 15_000), exited.then(() => Promise.reject(new Error(`nginx exited: ${stderr.trim() || readFileSync(join(dir, 'error.log'), 'utf8').trim()}`)))]);
  } catch (error) {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    pid: child.pid ?? -1,
    async stop() {
      // `exec` made the sh child the nginx master: its pid is nginx's; SIGQUIT = graceful stop of master and workers.
      child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
