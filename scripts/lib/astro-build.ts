/**
 * Runs `astro build` for one snapshot into one output directory, as a child process (so a crash or a
 * memory leak in a build never takes the rebuild loop down, and a hung build can be killed).
 */
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SnapshotSchema } from '../../src/lib/snapshot/schema';
import { planBuild, templateFingerprint, type BuildPlan } from './build-plan';
import { reusePages, writePlanManifest, type ReuseResult } from './build-reuse';

/** Options of one Astro build. */
export interface AstroBuildOptions {
  /** Project root (where astro.config.mjs is). */
  root: string;
  /** The snapshot JSON the site is built from (passed as env FLUXSTATUS_SNAPSHOT). */
  snapshotPath: string;
  /** Output directory; Astro writes client/ and server/ into it. */
  outDir: string;
  /** Kill the build after this long (default 10 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra environment of the build (e.g. FLUXSTATUS_BUILD_PLAN). */
  env?: Record<string, string>;
  /** Receives Astro's own log (info level instead of --silent): the bench reads its phase times. */
  onOutput?: (text: string) => void;
}

/** The Astro CLI entry point of the installed astro package. */
function astroBin(root: string): string {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve('astro/package.json')), 'astro.js');
}

/** Keeps the last `max` lines of a stream, for the error message of a failed build. */
function tail(max: number): { push(chunk: Buffer): void; lines(): string[] } {
  let lines: string[] = [];
  return {
    push(chunk) {
      lines.push(...chunk.toString('utf8').split('\n'));
      if (lines.length > max * 2) lines = lines.slice(-max);
    },
    lines: () => lines.slice(-max).filter((l) => l.trim() !== ''),
  };
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

/** Builds the site; resolves when done, rejects with a one-line error (the build's own message) on failure. */
export function astroBuild(options: AstroBuildOptions): Promise<void> {
  const { root, snapshotPath, outDir, timeoutMs = 600_000, signal, env = {}, onOutput } = options;
  return new Promise((resolvePromise, reject) => {
    const out = tail(40);
    const child = spawn(process.execPath, [astroBin(root), 'build', '--outDir', outDir, ...(onOutput ? [] : ['--silent'])], {
      cwd: root,
      env: { ...process.env, ...env, FLUXSTATUS_SNAPSHOT: snapshotPath, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches Vite's helpers (esbuild) too.
      detached: true,
    });
    child.stdout.on('data', (c: Buffer) => (out.push(c), onOutput?.(c.toString('utf8'))));
    child.stderr.on('data', (c: Buffer) => (out.push(c), onOutput?.(c.toString('utf8'))));
    const kill = (why: string): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`astro build ${why}`));
    };
    if (signal?.aborted) return kill('aborted');
    const timer = setTimeout(() => kill(`timed out after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    const onAbort = (): void => kill('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => reject(new Error(`astro build could not start: ${e.message}`)));
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (code === 0) return resolvePromise();
      // The message, not the stack: Astro prints the cause first, then "Stack trace:" and "at …" lines.
      const lines = out.lines().map(stripAnsi).filter((l) => !/^\s*at\s|^\s*Stack trace:/.test(l));
      const hint = lines.find((l) => /error|cannot|failed|not found|invalid/i.test(l)) ?? lines[0] ?? 'no output';
      reject(new Error(`astro build failed (${sig ?? `exit ${code}`}): ${hint.trim()}`));
    });
  });
}

/** What a planned build did. */
export interface PlannedBuildResult {
  plan: BuildPlan;
  reused: ReuseResult;
  /** Time spent planning (fingerprint + hashes) and linking reused pages + manifest, ms. */
  planMs: number;
  reuseMs: number;
}

/**
 * Builds the site rendering only the archive pages whose content changed since `previousDir` (a
 * complete build, normally the published one; null = render everything), links the others from
 * it and writes the manifest the next build compares with. The result is byte for byte the site a
 * full build makes (test/integration/incremental-build.test.ts).
 */
export async function plannedAstroBuild(options: AstroBuildOptions & { previousDir: string | null }): Promise<PlannedBuildResult> {
  const { previousDir, ...build } = options;
  const t0 = performance.now();
  const snapshot = SnapshotSchema.parse(JSON.parse(await readFile(build.snapshotPath, 'utf8')));
  const plan = await planBuild(snapshot, await templateFingerprint(build.root), previousDir);
  const planMs = performance.now() - t0;
  // Astro empties its outDir first: the plan waits beside it, like the snapshot does.
  const planPath = `${build.outDir}.plan.json`;
  await writeFile(planPath, JSON.stringify({ version: 1, render: plan.render }));
  try {
    await astroBuild({ ...build, env: { ...build.env, FLUXSTATUS_BUILD_PLAN: planPath } });
  } finally {
    await rm(planPath, { force: true });
  }
  const t1 = performance.now();
  const reused = reusePages(plan, build.outDir);
  await writePlanManifest(plan, build.outDir);
  return { plan, reused, planMs, reuseMs: performance.now() - t1 };
}
