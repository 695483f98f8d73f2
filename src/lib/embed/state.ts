/**
 * What the status button shows, decided from the status.json it fetched, the page language and
 * `now`. Pure and dependency-free: it is bundled into the embed script as is. The level, its colour
 * and its words come from the API (x_fluxstatus); the only rule here is "past valid_until → grey".
 */

/** The subset of /api/v2/status.json (or a summary component) the button reads. */
export interface ButtonSource {
  page?: { name?: unknown; url?: unknown };
  status?: { description?: unknown };
  x_fluxstatus?: {
    level?: unknown;
    color?: unknown;
    label?: unknown;
    reason?: unknown;
    valid_until?: unknown;
    generated_at?: unknown;
    stale_label?: unknown;
    site_title?: unknown;
    short_name?: unknown;
  };
}

export type ButtonColor = 'green' | 'orange' | 'red' | 'grey' | 'blue';

export interface ButtonState {
  color: ButtonColor;
  /** Level name in the page language, e.g. "Operationeel". */
  label: string;
  /** Reason or page sentence, for the tooltip. */
  detail: string;
  /** Short glyph beside the dot so colour is not the only cue. */
  icon: string;
  stale: boolean;
}

const COLORS: readonly ButtonColor[] = ['green', 'orange', 'red', 'grey', 'blue'];
const ICONS: Record<ButtonColor, string> = { green: '✓', orange: '!', red: '✕', grey: '?', blue: '🛠' };

/** Built-in words for when the API cannot be read at all. */
export const UNREACHABLE: Record<string, string> = {
  nl: 'Status onbekend',
  fr: 'État inconnu',
  de: 'Status unbekannt',
  en: 'Status unknown',
};

function textIn(value: unknown, lang: string): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return undefined;
  const table = value as Record<string, unknown>;
  const exact = table[lang];
  if (typeof exact === 'string') return exact;
  const first = Object.values(table).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first : undefined;
}

/**
 * The words on the button: the site, the service when one is shown, and the level —
 * "FarmaFlux status · RaOTD: Gedeeltelijke storing" (French: a no-break space before the colon).
 */
export function buttonText(state: ButtonState, lang: string, site: string | undefined, service: string | undefined): string {
  const who = [site, service].filter((s): s is string => typeof s === 'string' && s !== '').join(' · ');
  if (who === '') return state.label;
  return `${who}${baseLanguage(lang) === 'fr' ? '\u00A0: ' : ': '}${state.label}`;
}

/** The site title in the page language from a fetched document (x_fluxstatus.site_title, else page.name). */
export function siteName(source: ButtonSource | null, lang: string): string | undefined {
  return textIn(source?.x_fluxstatus?.site_title, baseLanguage(lang)) ?? (typeof source?.page?.name === 'string' ? source.page.name : undefined);
}

/** The primary language subtag: "nl-BE" → "nl". */
export function baseLanguage(lang: string | null | undefined): string {
  return (lang ?? '').toLowerCase().split('-')[0] || 'en';
}

/** The unknown state (no data, unreadable data). */
export function unknownState(lang: string): ButtonState {
  const label = UNREACHABLE[baseLanguage(lang)] ?? UNREACHABLE['en'] ?? '';
  return { color: 'grey', label, detail: label, icon: ICONS.grey, stale: true };
}

/** Decides the button from a fetched document; `nowMs` is epoch milliseconds. */
export function buttonState(source: ButtonSource | null, lang: string, nowMs: number): ButtonState {
  const l = baseLanguage(lang);
  const x = source?.x_fluxstatus;
  if (x === undefined) return unknownState(l);
  const validUntil = typeof x.valid_until === 'string' ? Date.parse(x.valid_until) : Number.NaN;
  if (Number.isNaN(validUntil) || nowMs >= validUntil) {
    const label = textIn(x.stale_label, l) ?? unknownState(l).label;
    return { color: 'grey', label, detail: label, icon: ICONS.grey, stale: true };
  }
  const color = COLORS.find((c) => c === x.color) ?? 'grey';
  const label = textIn(x.label, l) ?? unknownState(l).label;
  const detail = textIn(x.reason, l) ?? textIn(source?.status?.description, l) ?? label;
  return { color, label, detail, icon: ICONS[color], stale: false };
}
