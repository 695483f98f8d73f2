/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of incidents and maintenance per language, via `feed`
 * (which serializes; we never write XML by hand). The feed's update time is its newest entry,
 * so the bytes only change when the news does.
 */
import { Feed } from 'feed';
import type { Language, Snapshot } from '../snapshot/schema';
import { pick } from '../api/localize';
import { FEED_TITLE } from '../api/labels';
import { homeUrl, siteBase } from '../api/urls';
import { parseIso } from '../time/zone';
import { feedEntries } from './entries';

/** The feed files of one language, relative to the site root. */
export function feedPaths(lang: Language): { rss: string; atom: string; json: string } {
  return { rss: `${lang}/feed.xml`, atom: `${lang}/feed.atom`, json: `${lang}/feed.json` };
}

/** Builds the `feed` object for `lang` (at most 100 entries). */
export function buildFeed(snapshot: Snapshot, lang: Language): Feed {
  const fb = snapshot.site.default_language;
  const base = siteBase(snapshot.site.url);
  const entries = feedEntries(snapshot, lang, 100);
  const newest = entries[0]?.updated ?? parseIso(snapshot.generated_at);
  const paths = feedPaths(lang);
  const feed = new Feed({
    id: homeUrl(base, lang),
    title: `${pick(snapshot.site.title, lang, fb)} — ${FEED_TITLE[lang]}`,
    description: pick(snapshot.site.description, lang, fb),
    link: homeUrl(base, lang),
    language: lang,
    updated: new Date(newest * 1000),
    generator: 'fluxstatus',
    copyright: pick(snapshot.site.title, lang, fb),
    feedLinks: { rss: `${base}/${paths.rss}`, atom: `${base}/${paths.atom}`, json: `${base}/${paths.json}` },
    ttl: 5,
  });
  for (const e of entries) {
    feed.addItem({
      id: `${e.link}#${e.id}`,
      guid: `${e.link}#${e.id}`,
      title: e.title,
      link: e.link,
      date: new Date(e.updated * 1000),
      published: new Date(e.published * 1000),
      description: e.summary,
      content: e.html,
      category: [{ name: e.kind }],
    });
  }
  return feed;
}
