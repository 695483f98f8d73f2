/**
 * Status badges (shields.io "flat" style) for the page and each service, per language.
 * badge-maker measures the text; we only say what to write and in which colour.
 */
import { makeBadge } from 'badge-maker';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { levelColor } from '../levels';
import type { Language, Snapshot } from '../snapshot/schema';
import { shownOverall, shownService } from '../api/freshness';
import { LEVEL_LABELS, UPDATED_WORD } from '../api/labels';
import { pick } from '../api/localize';
import { localMinute } from '../api/format';
import { SHIELDS_COLORS } from './colors';

/** What a badge says: the words, the colour and the tooltip. */
export interface BadgeContent {
  label: string;
  message: string;
  /** shields colour name. */
  color: string;
  /** Tooltip (SVG <title>): "label: message — updated 2025-11-04 15:30". */
  title: string;
}

/** Badge content for the page (serviceId undefined) or one service; null when the service does not exist. */
export function badgeContent(snapshot: Snapshot, lang: Language, now: number, serviceId?: string): BadgeContent | null {
  const fallback = snapshot.site.default_language;
  let label: string;
  let shown;
  if (serviceId === undefined) {
    label = pick(snapshot.site.title, lang, fallback);
    shown = shownOverall(snapshot, now);
  } else {
    const service = snapshot.services.find((s) => s.id === serviceId);
    if (service === undefined) return null;
    // Shields users expect short labels: the configured short name, else the name.
    label = service.short_name ?? pick(service.name, lang, fallback);
    shown = shownService(snapshot, service, now);
  }
  const message = LEVEL_LABELS[shown.level][lang];
  const updated = `${UPDATED_WORD[lang]} ${localMinute(snapshot.generated_at, snapshot.site.time_zone)}`;
  return { label, message, color: SHIELDS_COLORS[levelColor(shown.level)], title: `${label}: ${message} — ${updated}` };
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_' });
const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true });

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Replaces the text of the SVG's <title> (badge-maker writes "label: message") through the XML tree. */
function withTitle(svg: string, title: string): string {
  const tree = parser.parse(svg) as XmlNode[];
  const root = tree.find((n) => 'svg' in n);
  const children = root?.['svg'];
  if (!Array.isArray(children)) return svg;
  const node = (children as XmlNode[]).find((n) => 'title' in n);
  if (node !== undefined) node['title'] = [{ '#text': title }];
  return builder.build(tree) as string;
}

/** The badge SVG. `idSuffix` keeps ids unique when several badges share one HTML page. */
export function badgeSvg(content: BadgeContent, idSuffix = ''): string {
  const svg = makeBadge({ label: content.label, message: content.message, color: content.color, style: 'flat', idSuffix });
  return withTitle(svg, content.title);
}

/** shields.io endpoint JSON (https://shields.io/badges/endpoint-badge), as a plain object. */
export function shieldsEndpoint(content: BadgeContent): { schemaVersion: 1; label: string; message: string; color: string; cacheSeconds: number } {
  return { schemaVersion: 1, label: content.label, message: content.message, color: content.color, cacheSeconds: 300 };
}
