/**
 * Shared types of the content collection (written communications and maintenance in Markdown).
 */
import type { Language } from '../snapshot/schema';

/** What a content file is checked against: the configured services and languages. */
export interface ContentContext {
  serviceIds: string[];
  languages: Language[];
  defaultLanguage: Language;
  /** Site zone; when given, every time is normalised to this zone's offset (e.g. +01:00). */
  timeZone?: string;
  /** The evaluated instant (epoch s); when given, an incident cannot start after it (beyond a day of slack). */
  now?: number;
}

/** A parse result: the value with warnings (e.g. a missing translation), or one-line errors. */
export type Result<T> = { ok: true; value: T; warnings: string[] } | { ok: false; errors: string[] };
