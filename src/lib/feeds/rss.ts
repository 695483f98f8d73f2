/**
 * RSS 2.0 from a feed model, serialized by fast-xml-parser's builder (which escapes every text and
 * attribute). RSS readers render <title> and <description> as HTML, so both carry HTML-escaped
 * plain text; only <content:encoded> carries markup, the safe HTML of the rendered Markdown.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { FeedModel } from './model';
import { entryId } from './model';
import { escapeHtml, xmlText } from './text';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

const html = (text: string) => xmlText(escapeHtml(text));
const rfc822 = (seconds: number) => new Date(seconds * 1000).toUTCString();

/** The RSS 2.0 document of a feed. */
export function rssXml(feed: FeedModel): string {
  const items = feed.entries.map((e) => ({
    title: html(e.title),
    link: xmlText(e.link),
    guid: { '@_isPermaLink': 'false', '#text': xmlText(entryId(e)) },
    pubDate: rfc822(e.published),
    description: html(e.summary),
    'content:encoded': xmlText(e.html),
    category: e.kind,
  }));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@_xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      channel: {
        title: html(feed.title),
        link: xmlText(feed.home),
        description: html(feed.description),
        language: feed.lang,
        lastBuildDate: rfc822(feed.updated),
        docs: 'https://www.rssboard.org/rss-specification',
        generator: 'fluxstatus',
        copyright: html(feed.rights),
        ttl: 5,
        'atom:link': { '@_href': xmlText(feed.links.rss), '@_rel': 'self', '@_type': 'application/rss+xml' },
        item: items,
      },
    },
  }) as string;
}
