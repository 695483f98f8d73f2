import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildFeed } from '../../../src/lib/feeds/feed';
import { escapeHtml, xmlText } from '../../../src/lib/feeds/text';
import type { Snapshot } from '../../../src/lib/snapshot/schema';
import { incident, maintenance, service, snapshot } from '../api/factory';

const HOSTILE = `<script>alert("x")</script> & 'R&amp;D' ]]> ]]> \u0001\u0008\uFFFF`;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, htmlEntities: false });
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** A snapshot whose service name, incident title and site title are the hostile payload. */
function hostile(url = 'https://status.example.be'): Snapshot {
  const s = snapshot({
    services: [service('gfd', 'partial_outage', { name: { nl: HOSTILE, fr: HOSTILE } })],
    incidents: [incident('i1', ['gfd'], { title: { nl: HOSTILE, fr: HOSTILE } })],
    maintenance: [maintenance('m1', ['gfd'], { title: { nl: HOSTILE, fr: HOSTILE } })],
  });
  return { ...s, site: { ...s.site, url, title: { nl: HOSTILE, fr: HOSTILE } } };
}

/** What a reader sees of an HTML-typed field: the XML-decoded value, parsed as HTML. Here: is there markup? */
const hasMarkup = (html: string) => /<[a-z!/]/i.test(html);

describe('feeds escape by construction', () => {
  it('keeps RSS and Atom valid XML whatever the service names, titles and site URL contain', () => {
    // This URL is refused by the config validation; the serializers must hold even without it.
    for (const url of ['https://status.example.be', 'https://status.example.be/"<x>&y']) {
      const feed = buildFeed(hostile(url), 'nl');
      expect(XMLValidator.validate(feed.rss2()), url).toBe(true);
      expect(XMLValidator.validate(feed.atom1()), url).toBe(true);
      expect(feed.rss2()).not.toMatch(/[\u0001\u0008\uFFFF]/);
      expect(() => JSON.parse(feed.json1())).not.toThrow();
    }
  });

  it('puts HTML-escaped text, never markup, into the RSS title and description of an item', () => {
    const rss = parser.parse(buildFeed(hostile(), 'nl').rss2()).rss;
    const items = asArray(rss.channel.item) as Array<{ title: string; description: string }>;
    expect(items.length).toBe(2);
    for (const item of items) {
      expect(hasMarkup(item.title)).toBe(false);
      expect(hasMarkup(item.description)).toBe(false);
      expect(item.title).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
    expect(items.some((i) => i.description.includes('&lt;script&gt;'))).toBe(true);
    expect(hasMarkup(rss.channel.title)).toBe(false);
  });

  it('types Atom titles and summaries as text and keeps the payload as that text', () => {
    const feed = parser.parse(buildFeed(hostile(), 'nl').atom1()).feed;
    const entries = asArray(feed.entry) as Array<{ title: { '@type': string; '#text': string }; summary: { '@type': string; '#text': string } }>;
    expect(entries.length).toBe(2);
    for (const entry of entries) {
      expect(entry.title['@type']).toBe('text');
      expect(entry.summary['@type']).toBe('text');
      expect(entry.title['#text']).toContain(`<script>alert("x")</script> & 'R&amp;D' ]]> ]]>`);
    }
    expect(feed.title['@type']).toBe('text');
  });

  it('escapes the Markdown-rendered HTML content of RSS and Atom so the payload stays text inside it', () => {
    const xml = buildFeed(hostile(), 'nl').atom1();
    const entry = asArray(parser.parse(xml).feed.entry)[0] as { content: { '@type': string; '#text': string } };
    expect(entry.content['@type']).toBe('html');
    expect(entry.content['#text']).toContain('&lt;script&gt;');
    expect(entry.content['#text']).not.toContain('<script');
  });

  it('writes the site URL into links through the URL API (percent-encoded, never raw quotes)', () => {
    const xml = buildFeed(hostile('https://status.example.be/"<x>'), 'fr').atom1();
    expect(xml).toContain('href="https://status.example.be/%22%3Cx%3E/fr/feed.atom"');
  });
});

describe('feed text helpers', () => {
  it('drops only the characters XML 1.0 forbids', () => {
    expect(xmlText('a\u0000b\u0009c\u000Ad\u000De\uFFFEf\uD800g😀')).toBe('ab\u0009c\u000Ad\u000Defg😀');
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
