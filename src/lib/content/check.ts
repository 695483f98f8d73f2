/**
 * Checks shared by communications and maintenance: frontmatter parsing with friendly errors,
 * service references, translations and times.
 */
import type { z } from 'astro/zod';
import { didYouMean, errorLine, friendlyIssues, parseYaml, type ParsedYaml, type PathSegment } from '../config/friendly-errors';
import type { Language, Localized } from '../snapshot/schema';
import { parseIso, toZonedIso } from '../time/zone';
import { splitFrontmatter, splitLanguages } from './frontmatter';
import type { ContentContext } from './types';

/** A parsed content file: its validated frontmatter, body sections and a locator for messages. */
export interface ParsedContent<T> {
  data: T;
  yaml: ParsedYaml;
  body: Localized;
  bodyLine: number;
}

/** Frontmatter → schema, body → language sections. Errors are one line each. */
export function parseContentFile<S extends z.ZodTypeAny>(
  text: string,
  file: string,
  schema: S,
  ctx: ContentContext,
): { ok: true; parsed: ParsedContent<z.infer<S>>; warnings: string[] } | { ok: false; errors: string[] } {
  const split = splitFrontmatter(text, file);
  if (!split.ok) return { ok: false, errors: [split.error] };
  // The frontmatter starts on line 2 of the file.
  let y: ReturnType<typeof parseYaml>;
  try {
    y = parseYaml(split.split.frontmatter, file, 1);
  } catch (error) {
    // The yaml library throws on an alias bomb (maxAliasCount) and on other resource limits.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { ok: false, errors: [`${file}:2:1: (frontmatter): the YAML cannot be read (${reason}) — write the fields plainly, without anchors (&) and aliases (*).`] };
  }
  if (!y.ok) return y;
  if (y.yaml.value === null || typeof y.yaml.value !== 'object' || Array.isArray(y.yaml.value)) {
    return { ok: false, errors: [`${file}:2:1: (frontmatter): expected fields such as "title:" between the two "---" lines — see docs/incidents-and-maintenance.md.`] };
  }
  const result = schema.safeParse(y.yaml.value);
  if (!result.success) return { ok: false, errors: friendlyIssues(result.error.issues, file, y.yaml, schema) };
  const { sections, duplicates } = splitLanguages(split.split.body, ctx.defaultLanguage);
  const warnings = duplicates.map((l) => `${file}:${split.split.bodyLine}:1: body: the section [${l}] appears twice — both parts are shown; merge them.`);
  return { ok: true, parsed: { data: result.data as z.infer<S>, yaml: y.yaml, body: sections, bodyLine: split.split.bodyLine }, warnings };
}

/** A problem found after the schema: where it is and what to do. */
export interface Finding {
  path: PathSegment[];
  message: string;
}

/** Service ids that are not in the config, each with a did-you-mean hint. */
export function checkServices(ids: readonly string[], ctx: ContentContext): Finding[] {
  const out: Finding[] = [];
  ids.forEach((id, i) => {
    if (ctx.serviceIds.includes(id)) return;
    const hint = didYouMean(id, ctx.serviceIds);
    out.push({ path: ['services', i], message: `unknown service "${id}" — ${hint ? `did you mean "${hint}"? Use` : 'use'} one of the ids in data/status.yaml: ${ctx.serviceIds.join(', ')}.` });
  });
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) out.push({ path: ['services', i], message: `service "${id}" is listed twice — remove the duplicate.` });
  });
  return out;
}

/**
 * A text per language must hold the default language (error otherwise); a missing site language
 * is a warning: the default-language text is shown instead.
 */
export function checkTranslations(text: Localized | null | undefined, path: PathSegment[], ctx: ContentContext): { errors: Finding[]; warnings: Finding[] } {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  if (text === null || text === undefined) return { errors, warnings };
  const def = ctx.defaultLanguage;
  if (text[def] === undefined || text[def].trim() === '') {
    errors.push({ path, message: `no "${def}" text — add "${def}: …" (the default language must always be present).` });
    return { errors, warnings };
  }
  for (const lang of ctx.languages) {
    if (lang !== def && (text[lang] === undefined || text[lang].trim() === '')) {
      warnings.push({ path, message: `no "${lang}" text — the "${def}" text is shown instead; add "${lang}: …".` });
    }
  }
  return { errors, warnings };
}

/** Body sections: missing languages are warnings (or an error when only other languages are present). */
export function checkBody(body: Localized, ctx: ContentContext, file: string, bodyLine: number): { errors: string[]; warnings: string[] } {
  const present = Object.keys(body) as Language[];
  if (present.length === 0) return { errors: [], warnings: [] };
  const def = ctx.defaultLanguage;
  if (body[def] === undefined) {
    return { errors: [`${file}:${bodyLine}:1: body: no [${def}] section — add the ${def} text (text before the first [xx] line counts as ${def}).`], warnings: [] };
  }
  const warnings = ctx.languages
    .filter((l) => l !== def && body[l] === undefined)
    .map((l) => `${file}:${bodyLine}:1: body: no [${l}] section — the ${def} text is shown instead; add a line "[${l}]" followed by the translation.`);
  return { errors: [], warnings };
}

/** Years a content time may lie in: outside them it is a typo (9999, 1025), not a date. */
export const YEARS = { first: 2000, last: 2100 } as const;

/** A time outside YEARS, as a finding at `path`; undefined when the year is plausible. */
export function checkYear(iso: string, path: PathSegment[]): Finding | undefined {
  const year = new Date(parseIso(iso) * 1000).getUTCFullYear();
  if (Number.isNaN(year) || (year >= YEARS.first && year <= YEARS.last)) return undefined;
  return { path, message: `${iso} is in the year ${year} — check the year (times between ${YEARS.first} and ${YEARS.last} are accepted).` };
}

/** Normalises an ISO time to the site zone (when known), so every published time has the site offset. */
export function normaliseTime(iso: string, ctx: ContentContext): string {
  return ctx.timeZone === undefined ? iso : toZonedIso(parseIso(iso), ctx.timeZone);
}

/** Formats findings as one-line messages at their place in the frontmatter. */
export function findingLines(findings: readonly Finding[], file: string, yaml: ParsedYaml): string[] {
  return findings.map((f) => errorLine(file, yaml.locate(f.path), f.path, f.message));
}

/** The id of a content file: its name without `.md`, lower-cased; null when it cannot be a URL slug. */
export function slugOf(file: string): string | null {
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.md$/i, '').toLowerCase();
  return /^[a-z0-9][a-z0-9_-]*$/.test(base) ? base : null;
}
