/**
 * Splits a Markdown file into its YAML frontmatter and its body, and the body into language sections.
 */
import type { Language } from '../snapshot/schema';
import { LANGUAGES } from '../snapshot/schema';

export interface SplitFile {
  /** YAML text between the two `---` lines. */
  frontmatter: string;
  body: string;
  /** 1-based line of the first body line. */
  bodyLine: number;
}

/** Splits `---\nyaml\n---\nbody`; a one-line error (with the fix) when the frontmatter is missing or unclosed. */
export function splitFrontmatter(text: string, file: string): { ok: true; split: SplitFile } | { ok: false; error: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if ((lines[0] ?? '').trim() !== '---') {
    return { ok: false, error: `${file}:1:1: (frontmatter): the file does not start with "---" — put the fields (title, services, …) between two lines "---" at the top.` };
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) {
    return { ok: false, error: `${file}:1:1: (frontmatter): the frontmatter is not closed — add a line "---" after the last field.` };
  }
  return {
    ok: true,
    split: { frontmatter: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n'), bodyLine: close + 2 },
  };
}

const MARKER = new RegExp(`^\\[(${LANGUAGES.join('|')})\\]\\s*$`);

/**
 * Splits a body into language sections. A line holding only `[nl]`, `[fr]`, `[de]` or `[en]`
 * starts the section of that language; text before the first marker belongs to the default language.
 * Empty sections are left out.
 */
export function splitLanguages(body: string, defaultLanguage: Language): { sections: Partial<Record<Language, string>>; duplicates: Language[] } {
  const sections: Partial<Record<Language, string[]>> = {};
  const duplicates: Language[] = [];
  const markers = new Set<Language>();
  let current: Language = defaultLanguage;
  for (const line of body.split(/\r?\n/)) {
    const m = MARKER.exec(line.trim());
    if (m) {
      current = m[1] as Language;
      if (markers.has(current)) duplicates.push(current);
      markers.add(current);
      continue;
    }
    (sections[current] ??= []).push(line);
  }
  const out: Partial<Record<Language, string>> = {};
  for (const [lang, ls] of Object.entries(sections) as [Language, string[]][]) {
    const text = ls.join('\n').trim();
    if (text !== '') out[lang] = text;
  }
  return { sections: out, duplicates };
}
