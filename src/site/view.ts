/**
 * What every component needs to render in a language: the page language, its UI texts, the
 * fallback language for operator texts, the time zone and the snapshot's `now`. Built per page.
 */
import { dict, type Dict } from '../i18n';
import type { Language } from '../lib/snapshot/schema';
import { siteBase } from '../lib/api/urls';
import { getSiteData } from './data';

export interface View {
  lang: Language;
  t: Dict;
  /** Default language: operator texts missing in `lang` fall back to it, visibly. */
  fallback: Language;
  languages: Language[];
  timeZone: string;
  /** snapshot.generated_at: relative times are computed against it. */
  now: string;
  validUntil: string;
  /** Path of the current page, e.g. "/nl/services/gfd/" (for the language switch and hreflang). */
  path: string;
  siteUrl: string;
}

/** The view for a page in `lang` at `path`. */
export function makeView(lang: Language, path: string): View {
  const { snapshot } = getSiteData();
  return {
    lang,
    t: dict(lang),
    fallback: snapshot.site.default_language,
    languages: snapshot.site.languages,
    timeZone: snapshot.site.time_zone,
    now: snapshot.generated_at,
    validUntil: snapshot.valid_until,
    path,
    siteUrl: siteBase(snapshot.site.url),
  };
}
