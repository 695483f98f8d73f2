/** JSON Feed 1.1 from a feed model: an object serialized by JSON.stringify (summary is plain text, content_html safe HTML). */
import type { FeedModel } from './model';
import { entryId } from './model';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The JSON Feed 1.1 document of a feed. */
export function jsonFeed(feed: FeedModel): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.home,
      feed_url: feed.links.json,
      ...(feed.description === '' ? {} : { description: feed.description }),
      language: feed.lang,
      items: feed.entries.map((e) => ({
        id: entryId(e),
        url: e.link,
        title: e.title,
        summary: e.summary,
        content_html: e.html,
        date_published: iso(e.published),
        date_modified: iso(e.updated),
        tags: [e.kind],
      })),
    },
    null,
    2,
  );
}
