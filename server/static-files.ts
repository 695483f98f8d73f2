/**
 * Files of the built site (siteDir/client), held in memory. The published build (siteDir resolved)
 * and each served file (inode, size, mtime) are checked at most once per event-loop iteration
 * (tick.ts), so a new build published by renaming a directory or swapping the `current` symlink is
 * picked up by the next request, while a busy server does not pay two system calls per request.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { contentType } from './content-types';
import { DATA_CSP, cacheControl, htmlCsp, inlineScriptHashes } from './headers';
import { sameOriginPath } from './request-path';
import { validators, type Representation } from './representation';
import { currentTick, oncePerTick } from './tick';

/** Upper bound of the file cache (bytes). */
const MAX_CACHE_BYTES = 128 * 1024 * 1024;

interface Entry {
  /** inode:size:mtime when read. */
  key: string;
  rep: Representation;
  /** Tick of the last check against the file system. */
  checked: number;
}

export type Lookup = { kind: 'file'; rep: Representation } | { kind: 'redirect'; location: string } | { kind: 'missing' };

export class StaticFiles {
  #siteDir: string;
  #entries = new Map<string, Entry>();
  #bytes = 0;
  #clientByRoot = new Map<string, string>();
  #lastClient = '';
  #client = oncePerTick(() => this.#resolveClient());

  constructor(siteDir: string) {
    this.#siteDir = siteDir;
  }

  /** The directory of public files of the build published now. */
  clientDir(): string {
    return this.#client();
  }

  #resolveClient(): string {
    const root = realpathSync.native(this.#siteDir);
    let client = this.#clientByRoot.get(root);
    if (client === undefined) {
      // siteDir is a build (client/ + server/), or a plain static directory.
      client = existsSync(join(root, 'client')) ? join(root, 'client') : root;
      if (this.#clientByRoot.size > 16) this.#clientByRoot.clear();
      this.#clientByRoot.set(root, client);
    }
    if (client !== this.#lastClient) {
      // A new build was published: the old one's bytes are dead weight (compressed bodies are kept by hash).
      this.#entries.clear();
      this.#bytes = 0;
      this.#lastClient = client;
    }
    return client;
  }

  /** Looks up safe path segments: a file, a redirect to the directory URL, or nothing. */
  lookup(segments: readonly string[]): Lookup {
    const client = this.clientDir();
    const pathname = `/${segments.join('/')}`;
    const last = segments.at(-1) ?? '';
    const file = resolve(client, ...segments, ...(last === '' ? ['index.html'] : []));
    if (!file.startsWith(client + sep)) return { kind: 'missing' };
    const rep = this.#read(file, pathname);
    if (rep !== null) return { kind: 'file', rep };
    if (last !== '' && !last.includes('.') && this.#read(join(file, 'index.html'), `${pathname}/`) !== null) {
      return { kind: 'redirect', location: sameOriginPath([...segments, '']) };
    }
    return { kind: 'missing' };
  }

  /** The site's 404 page, if the build has one. */
  notFoundPage(): Representation | null {
    return this.#read(join(this.clientDir(), '404.html'), '/404.html');
  }

  #read(file: string, pathname: string): Representation | null {
    const tick = currentTick();
    const hit = this.#entries.get(file);
    if (hit !== undefined && hit.checked === tick) return hit.rep;
    let key: string;
    try {
      const st = statSync(file, { throwIfNoEntry: false });
      if (st === undefined || !st.isFile()) return null;
      key = `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return null;
    }
    if (hit !== undefined && hit.key === key) {
      hit.checked = tick;
      return hit.rep;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return null;
    }
    const type = contentType(file);
    const csp = type.startsWith('text/html') ? htmlCsp(pathname, inlineScriptHashes(body.toString('utf8'))) : DATA_CSP;
    const rep: Representation = { body, ...validators(body), type, cacheControl: cacheControl(pathname), csp };
    this.#store(file, { key, rep, checked: tick }, hit);
    return rep;
  }

  #store(file: string, entry: Entry, previous: Entry | undefined): void {
    if (previous !== undefined) this.#bytes -= previous.rep.body.length;
    this.#entries.delete(file);
    this.#entries.set(file, entry);
    this.#bytes += entry.rep.body.length;
    for (const [oldFile, old] of this.#entries) {
      if (this.#bytes <= MAX_CACHE_BYTES) break;
      this.#entries.delete(oldFile);
      this.#bytes -= old.rep.body.length;
    }
  }
}
