/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 of incidents and maintenance per language: one model
 * (model.ts), three serializers that build objects and never write XML or JSON by hand.
 */
import type { Language, Snapshot } from '../snapshot/schema';
import { atomXml } from './atom';
import { jsonFeed } from './json-feed';
import { feedModel } from './model';
import { rssXml } from './rss';

export { feedPaths } from './model';

/** The three serializations of the feed of `snapshot` in `lang`. */
export function buildFeed(snapshot: Snapshot, lang: Language): { rss2(): string; atom1(): string; json1(): string } {
  const model = feedModel(snapshot, lang);
  return { rss2: () => rssXml(model), atom1: () => atomXml(model), json1: () => jsonFeed(model) };
}
