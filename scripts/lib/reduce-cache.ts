/**
 * An in-memory cache kept between reduce runs (the every-minute loop): a file whose size and
 * mtime did not change is not read again. Later work may add the assembled minute series.
 */
import type { Series } from '../../src/lib/rrd/series';

interface Entry {
  size: number;
  mtimeMs: number;
  key: string;
  tiers: Series[];
}

export class ReduceCache {
  private readonly files = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  /** The tiers of `path`, read again only when its size, mtime or the asked window changed. */
  tiers(path: string, size: number, mtimeMs: number, key: string, read: () => Series[]): Series[] {
    const e = this.files.get(path);
    if (e !== undefined && e.size === size && e.mtimeMs === mtimeMs && e.key === key) {
      this.hits++;
      return e.tiers;
    }
    this.misses++;
    const tiers = read();
    this.files.set(path, { size, mtimeMs, key, tiers });
    return tiers;
  }

  /** Forgets files not seen in the last run (deleted RRDs). */
  retain(paths: ReadonlySet<string>): void {
    for (const p of this.files.keys()) if (!paths.has(p)) this.files.delete(p);
  }
}
