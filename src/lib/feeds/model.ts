/**
 * One feed in one language, before serialization: what RSS, Atom and JSON Feed all say, with
 * absolute links built through the URL API from the validated site URL.
 */
import type { Language, Snapshot } from '../snapshot/schema';
import { pick } from '../api/localize';
import { FEED_TITLE } from '../api/labels';
import { homeUrl, siteBase } from '../api/urls';
import { parseIso } from '../time/zone';
import { feedEntries, type FeedEntry } from './entries';

/** Most entries in one feed. */
export const FEED_LIMIT = 100;

export interface FeedModel {
  lang: Language;
  /** Plain text. */
  title: string;
  /** Plain text. */
  description: string;
  /** Plain text (the site title). */
  rights: string;
  /** The language's overview page: the feed's id and link. */
  home: string;
  /** Absolute URLs of the three serializations. */
  links: { rss: string; atom: string; json: string };
  /** Newest entry change (epoch seconds): the feed's bytes only change when the news does. */
  updated: number;
  entries: FeedEntry[];
}

/** The feed files of one language, relative to the site root. */
export function feedPaths(lang: Language): { rss: string; atom: string; json: string } {
  return { rss: `${lang}/feed.xml`, atom: `${lang}/feed.atom`, json: `${lang}/feed.json` };
}

/** The feed of `snapshot` in `lang` (at most FEED_LIMIT entries, newest first). */
export function feedModel(snapshot: Snapshot, lang: Language): FeedModel {
  const fb = snapshot.site.default_language;
  const home = homeUrl(snapshot.site.url, lang);
  const paths = feedPaths(lang);
  // Relative to the site root, so a site under a path prefix keeps it.
  const root = new URL(`${siteBase(snapshot.site.url)}/`);
  const at = (path: string) => new URL(path, root).href;
  const entries = feedEntries(snapshot, lang, FEED_LIMIT);
  const title = pick(snapshot.site.title, lang, fb);
  return {
    lang,
    title: `${title} — ${FEED_TITLE[lang]}`,
    description: pick(snapshot.site.description, lang, fb),
    rights: title,
    home,
    links: { rss: at(paths.rss), atom: at(paths.atom), json: at(paths.json) },
    updated: entries[0]?.updated ?? parseIso(snapshot.generated_at),
    entries,
  };
}

/** The stable id of an entry (RSS guid, Atom id, JSON Feed id): its link plus "#kind:id", as since the first release. */
export function entryId(entry: FeedEntry): string {
  return `${entry.link}#${entry.id}`;
}
