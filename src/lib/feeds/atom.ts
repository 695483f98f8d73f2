/**
 * Atom 1.0 from a feed model, serialized by fast-xml-parser's builder (which escapes every text and
 * attribute). Titles and summaries are typed `text`, so no reader takes a service name for markup;
 * only <content type="html"> carries markup, the safe HTML of the rendered Markdown.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type { FeedModel } from './model';
import { entryId } from './model';
import { xmlText } from './text';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

const text = (value: string) => ({ '@_type': 'text', '#text': xmlText(value) });
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The Atom 1.0 document of a feed. */
export function atomXml(feed: FeedModel): string {
  const entries = feed.entries.map((e) => ({
    title: text(e.title),
    id: xmlText(entryId(e)),
    link: { '@_href': xmlText(e.link) },
    updated: iso(e.updated),
    published: iso(e.published),
    summary: text(e.summary),
    content: { '@_type': 'html', '#text': xmlText(e.html) },
    category: { '@_term': e.kind },
  }));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    feed: {
      '@_xmlns': 'http://www.w3.org/2005/Atom',
      '@_xml:lang': feed.lang,
      id: xmlText(feed.home),
      title: text(feed.title),
      ...(feed.description === '' ? {} : { subtitle: text(feed.description) }),
      updated: iso(feed.updated),
      generator: 'fluxstatus',
      rights: text(feed.rights),
      link: [
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': xmlText(feed.home) },
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': xmlText(feed.links.atom) },
      ],
      entry: entries,
    },
  }) as string;
}
