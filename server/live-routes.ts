/**
 * The routes answered from the newest snapshot on every request instead of the build:
 * /api/v2/status.json, /api/v2/summary.json and the badges (SVG and shields JSON), overall and per
 * service, with and without a language prefix. Rendering uses the same pure functions as the static
 * build; each body is serialized (and compressed, by the server's onRender) once per snapshot
 * version and expiry state, then served from memory.
 */
import { LANGUAGES, type Language, type Snapshot } from '../src/lib/snapshot/schema';
import { apiJson, type ApiPath } from '../src/lib/api/documents';
import { expiresAt } from '../src/lib/api/freshness';
import { badgeContent, badgeSvg, shieldsEndpoint } from '../src/lib/badges/badge';
import type { LiveSnapshot } from '../src/site/live-snapshot';
import { DATA_CSP, LIVE } from './headers';
import { validators, type Representation } from './representation';
import { memoizeString } from '../src/lib/view/memo';

type LiveRoute =
  | { kind: 'api'; path: ApiPath }
  | { kind: 'badge'; lang: Language | undefined; service: string | undefined; format: 'svg' | 'json' };

const LIVE_API: readonly ApiPath[] = ['api/v2/status.json', 'api/v2/summary.json'];

/** Which live route a path is, if any (independent of whether the snapshot knows the service). */
export function liveRoute(pathname: string): LiveRoute | null {
  const api = LIVE_API.find((p) => `/${p}` === pathname);
  if (api !== undefined) return { kind: 'api', path: api };
  const m = /^\/(?:([a-z]{2})\/)?badge(?:\/([A-Za-z0-9_-]+))?\.(svg|json)$/.exec(pathname);
  if (m === null) return null;
  const lang = m[1];
  if (lang !== undefined && !(LANGUAGES as readonly string[]).includes(lang)) return null;
  return { kind: 'badge', lang: lang as Language | undefined, service: m[2], format: m[3] === 'svg' ? 'svg' : 'json' };
}

function render(route: LiveRoute, snapshot: Snapshot, now: number): { body: string; type: string } | null {
  if (route.kind === 'api') return { body: apiJson(route.path, snapshot, now), type: 'application/json; charset=utf-8' };
  const lang = route.lang ?? snapshot.site.default_language;
  if (!snapshot.site.languages.includes(lang)) return null;
  const content = badgeContent(snapshot, lang, now, route.service);
  if (content === null) return null;
  return route.format === 'svg'
    ? { body: badgeSvg(content, route.service ?? ''), type: 'image/svg+xml; charset=utf-8' }
    : { body: JSON.stringify(shieldsEndpoint(content)), type: 'application/json; charset=utf-8' };
}

/** Renders live routes with a per-snapshot cache. */
export class LiveRoutes {
  #version = '';
  /** The current snapshot's expiry (epoch seconds), parsed once per version. */
  #expiresAt = Number.NEGATIVE_INFINITY;
  /** Rendered bodies by path, while the snapshot is valid and once it has expired. */
  #cache = new Map<string, Representation>();
  #expiredCache = new Map<string, Representation>();
  #onRender: (rep: Representation) => void;

  /** `onRender` sees each newly rendered body once (the server compresses it there, ahead of requests). */
  constructor(onRender: (rep: Representation) => void = () => {}) {
    this.#onRender = onRender;
  }

  /** Which live route each asked path is (up to 1,024 paths, then it starts over: arbitrary paths cannot grow it). */
  #route = memoizeString(liveRoute, 1024);

  /** The live answer for `pathname` at `nowSeconds`, or null (not a live route, unknown service, no snapshot). */
  answer(pathname: string, live: LiveSnapshot | null, nowSeconds: number): Representation | null {
    if (live === null) return null;
    const route = this.#route(pathname);
    if (route === null) return null;
    if (live.version !== this.#version) {
      this.#cache.clear();
      this.#expiredCache.clear();
      this.#version = live.version;
      this.#expiresAt = expiresAt(live.snapshot);
    }
    // The same rule as isExpired (src/lib/api/freshness.ts), with valid_until parsed once per version.
    const expired = this.#expiresAt === Number.NEGATIVE_INFINITY || nowSeconds >= this.#expiresAt;
    const cache = expired ? this.#expiredCache : this.#cache;
    const hit = cache.get(pathname);
    if (hit !== undefined) return hit;
    const out = render(route, live.snapshot, nowSeconds);
    // Misses (unknown service or language) are not cached: arbitrary names must not grow the cache.
    if (out === null) return null;
    const body = Buffer.from(out.body);
    const rep: Representation = { body, ...validators(body), type: out.type, cacheControl: LIVE, csp: DATA_CSP };
    this.#onRender(rep);
    cache.set(pathname, rep);
    return rep;
  }
}
