import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildFeed } from '../../../src/lib/feeds/feed';
import { maintenanceCalendar, maintenanceUid } from '../../../src/lib/feeds/calendar';
import { SnapshotSchema } from '../../../src/lib/snapshot/schema';
import { maintenanceToSnapshot, parseMaintenance } from '../../../src/lib/content/maintenance';
import { toZonedIso } from '../../../src/lib/time/zone';
import type { Snapshot } from '../../../src/lib/snapshot/schema';
import { incident, maintenance, snapshot } from '../api/factory';

const sample = SnapshotSchema.parse(JSON.parse(readFileSync('test/fixtures/snapshots/sample.json', 'utf8')));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('feeds', () => {
  it.each(sample.site.languages)('writes a valid RSS 2.0 feed in %s with the required channel and item elements', (lang) => {
    const xml = buildFeed(sample, lang).rss2();
    expect(XMLValidator.validate(xml)).toBe(true);
    const rss = parser.parse(xml).rss;
    expect(rss['@version']).toBe('2.0');
    for (const key of ['title', 'link', 'description']) expect(rss.channel[key]).toBeTruthy();
    expect(rss.channel.language).toBe(lang);
    const items = asArray(rss.channel.item);
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      expect(item.title).toBeTruthy();
      expect(item.link).toMatch(new RegExp(`^https://status\\.farmaflux\\.be/${lang}/`));
      expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
      expect(item.guid['#text']).toBeTruthy();
    }
  });

  it.each(sample.site.languages)('writes a valid Atom feed in %s (id, title, updated on the feed and each entry)', (lang) => {
    const xml = buildFeed(sample, lang).atom1();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parser.parse(xml).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const key of ['id', 'title', 'updated']) expect(feed[key]).toBeTruthy();
    for (const entry of asArray(feed.entry)) {
      for (const key of ['id', 'title', 'updated']) expect(entry[key], key).toBeTruthy();
    }
  });

  it('writes a JSON Feed with an id, a title and a date per item', () => {
    const json = JSON.parse(buildFeed(sample, 'fr').json1());
    expect(json.version).toMatch(/^https:\/\/jsonfeed\.org\/version\//);
    expect(json.title).toContain('Statut FarmaFlux');
    expect(json.items.length).toBeGreaterThan(10);
    for (const item of json.items) {
      expect(typeof item.id).toBe('string');
      expect(Number.isNaN(Date.parse(item.date_modified ?? item.date_published))).toBe(false);
    }
  });

  it('lists a detected incident once when a written incident explains it', () => {
    const ids: string[] = JSON.parse(buildFeed(sample, 'nl').json1()).items.map((i: { id: string }) => i.id);
    expect(ids.some((id) => id.endsWith('#incident:raotd-storing-tarificatie'))).toBe(true);
    expect(ids.some((id) => id.endsWith('#incident:detected-raotd-now'))).toBe(false);
  });

  it('never dates an entry after the snapshot, even for an upcoming maintenance window', () => {
    const s = snapshot({ maintenance: [maintenance('future', ['gfd'])], incidents: [incident('i1', ['gfd'])] });
    const json = JSON.parse(buildFeed(s, 'nl').json1());
    for (const item of json.items) expect(Date.parse(item.date_modified)).toBeLessThanOrEqual(Date.parse(s.generated_at));
  });

  describe('an upcoming maintenance window keeps its dates from one build to the next', () => {
    const START = 1762977600; // 2025-11-12T21:00:00+01:00
    const FILE_TIME = START - 5 * 86_400;
    const file = (extra: string) =>
      `---\ntitle: { nl: Onderhoud GFD, fr: Maintenance DPP }\nservices: [gfd]\nstarts_at: 2025-11-12T21:00:00+01:00\nends_at: 2025-11-12T23:00:00+01:00\n${extra}---\nKorte onderbrekingen.\n`;
    const ctx = { serviceIds: ['gfd'], languages: ['nl', 'fr'] as const, defaultLanguage: 'nl' as const, timeZone: 'Europe/Brussels' };
    /** The snapshot a build at `now` (epoch s) publishes for the window in `text`. */
    const buildAt = (text: string, now: number): Snapshot => {
      const r = parseMaintenance(text, 'data/maintenance/gfd.md', { ...ctx, languages: [...ctx.languages] }, FILE_TIME);
      if (!r.ok) throw new Error(r.errors.join('\n'));
      return { ...snapshot({ maintenance: [maintenanceToSnapshot(r.value, now, ctx.timeZone)] }), generated_at: toZonedIso(now, ctx.timeZone) };
    };
    const dates = (s: Snapshot) => {
      const rss = asArray(parser.parse(buildFeed(s, 'nl').rss2()).rss.channel.item);
      const atom = asArray(parser.parse(buildFeed(s, 'nl').atom1()).feed.entry);
      const json = JSON.parse(buildFeed(s, 'nl').json1()).items;
      return { pubDate: rss[0].pubDate, updated: atom[0].updated, published: json[0].date_published, modified: json[0].date_modified };
    };

    it.each([
      ['the file time when announced is absent', '', 'Fri, 07 Nov 2025 20:00:00 GMT'],
      ['the frontmatter announced', 'announced: 2025-11-01T10:00:00+01:00\n', 'Sat, 01 Nov 2025 09:00:00 GMT'],
    ])('dates it by %s, the same at two builds a minute and a day apart', (_what, extra, pubDate) => {
      const early = dates(buildAt(file(extra), START - 86_400));
      const minuteLater = dates(buildAt(file(extra), START - 86_400 + 60));
      const dayLater = dates(buildAt(file(extra), START - 60));
      expect(early.pubDate).toBe(pubDate);
      expect(minuteLater).toEqual(early);
      expect(dayLater).toEqual(early);
      expect(Date.parse(early.published)).toBe(Date.parse(pubDate));
    });
  });

  it('renders Markdown safely: raw HTML in a body arrives escaped, never as markup', () => {
    const hostile = incident('x', ['gfd'], { source: 'written', body: { nl: '<script>alert(1)</script>\n\n**vet**' } });
    const json = JSON.parse(buildFeed(snapshot({ incidents: [hostile] }), 'nl').json1());
    expect(json.items[0].content_html).toContain('&lt;script&gt;');
    expect(json.items[0].content_html).toContain('<strong>vet</strong>');
  });

  it('gives the same bytes for the same snapshot (no clock inside)', () => {
    expect(buildFeed(sample, 'nl').rss2()).toBe(buildFeed(sample, 'nl').rss2());
    expect(maintenanceCalendar(sample, 'nl')).toBe(maintenanceCalendar(sample, 'nl'));
  });
});

describe('maintenance calendars', () => {
  const events = (ics: string) => new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

  it('parses with ical.js and holds every maintenance window with stable UID, DTSTAMP and UTC times', () => {
    const ics = maintenanceCalendar(sample, 'nl')!;
    const list = events(ics);
    expect(list.map((e) => e.uid).sort()).toEqual(sample.maintenance.map((m) => maintenanceUid(sample, m.id)).sort());
    const gfd = list.find((e) => e.uid === '2025-11-09-gfd-upgrade@status.farmaflux.be')!;
    expect(gfd.summary).toBe('GFD: upgrade databank');
    expect(gfd.startDate.toJSDate().toISOString()).toBe('2025-11-09T05:00:00.000Z');
    expect(gfd.endDate.toJSDate().toISOString()).toBe('2025-11-09T07:00:00.000Z');
    expect(gfd.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
  });

  it('keeps a window’s UID the same across languages, so subscribers see one event', () => {
    const nl = events(maintenanceCalendar(sample, 'nl')!).map((e) => e.uid);
    const fr = events(maintenanceCalendar(sample, 'fr')!).map((e) => e.uid);
    expect(fr).toEqual(nl);
    expect(events(maintenanceCalendar(sample, 'fr')!)[0]?.summary).not.toBe(events(maintenanceCalendar(sample, 'nl')!)[0]?.summary);
  });

  it('limits a service calendar to the windows of that service', () => {
    const list = events(maintenanceCalendar(sample, 'fr', 'gfd')!);
    expect(list.map((e) => e.uid).sort()).toEqual(['2025-09-28-gfd-netwerk@status.farmaflux.be', '2025-11-09-gfd-upgrade@status.farmaflux.be']);
  });

  it('returns null for a service that does not exist', () => {
    expect(maintenanceCalendar(sample, 'nl', 'nope')).toBeNull();
  });
});
