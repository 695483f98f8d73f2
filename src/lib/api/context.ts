/**
 * Everything an API mapping needs besides the snapshot: the language of the text fields and the
 * instant the file is rendered for (build time for static files, request time for live routes).
 */
import { createHash } from 'node:crypto';
import type { Language, Snapshot } from '../snapshot/schema';
import { levelColor } from '../levels';
import { pick } from './localize';
import { siteBase } from './urls';
import { LEVEL_LABELS, STALE_REASON, allLanguages } from './labels';
import { isExpired, shownOverall, type ShownLevel } from './freshness';
import type { SpPage, XLevel, XPage } from './types';

export interface ApiContext {
  snapshot: Snapshot;
  lang: Language;
  /** Epoch seconds the document is rendered for. */
  now: number;
  pageId: string;
}

/** A context for `snapshot`; `lang` defaults to the site's default language (the API language). */
export function apiContext(snapshot: Snapshot, now: number, lang?: Language): ApiContext {
  return { snapshot, now, lang: lang ?? snapshot.site.default_language, pageId: pageIdOf(snapshot.site.url) };
}

/** Stable 12-character page id derived from the site URL (Statuspage ids look alike). */
export function pageIdOf(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

/** Text of `ctx`'s language with the site default as fallback. */
export function text(ctx: ApiContext, value: Parameters<typeof pick>[0]): string {
  return pick(value, ctx.lang, ctx.snapshot.site.default_language);
}

/** fluxstatus's fields for a shown level. */
export function xLevel(ctx: ApiContext, shown: ShownLevel): XLevel {
  return {
    level: shown.level,
    color: levelColor(shown.level),
    score: shown.score,
    label: allLanguages(LEVEL_LABELS[shown.level], ctx.snapshot.site.languages),
    reason: shown.reason,
  };
}

/** The `page` object of every file. */
export function spPage(ctx: ApiContext): SpPage {
  const { site, generated_at } = ctx.snapshot;
  return { id: ctx.pageId, name: text(ctx, site.title), url: siteBase(site.url), time_zone: site.time_zone, updated_at: generated_at };
}

/** The top-level `x_fluxstatus` of every file. */
export function xPage(ctx: ApiContext): XPage {
  const s = ctx.snapshot;
  return {
    ...xLevel(ctx, shownOverall(s, ctx.now)),
    generated_at: s.generated_at,
    data_until: s.data_until,
    valid_until: s.valid_until,
    digest: s.digest,
    replay: s.replay,
    expired: isExpired(s, ctx.now),
    language: ctx.lang,
    stale_label: allLanguages(STALE_REASON, s.site.languages),
    site_title: s.site.title,
  };
}
