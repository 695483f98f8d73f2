import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configKeyRows, DOC_PATH, JSON_SCHEMA_PATH, README_PATH, renderJsonSchema, withKeyTable } from '../../../scripts/config-schema';

describe('generated configuration reference', () => {
  it('keeps the committed schema/status.schema.json in step with ConfigSchema (regenerate: npx tsx scripts/config-schema.ts)', () => {
    expect(readFileSync(JSON_SCHEMA_PATH, 'utf8')).toBe(renderJsonSchema());
  });

  it('keeps the key table of docs/configuration.md in step with ConfigSchema (regenerate: npx tsx scripts/config-schema.ts)', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    expect(doc).toBe(withKeyTable(doc));
  });

  it('keeps the key table of the README in step with ConfigSchema (regenerate: npx tsx scripts/config-schema.ts)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(readme).toBe(withKeyTable(readme));
  });

  it('documents every config key with a meaning', () => {
    const doc = readFileSync(DOC_PATH, 'utf8');
    const rows = configKeyRows();
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      expect(doc, row.key).toContain(`| \`${row.key}\` |`);
      expect(row.meaning, `${row.key} has no doc comment in src/lib/config`).not.toBe('');
    }
  });

  it('gives editors the meaning of each key on hover', () => {
    const schema = JSON.parse(renderJsonSchema()) as { properties: { site: { properties: { url: { description?: string } } } } };
    expect(schema.properties.site.properties.url.description).toBe('Public URL of the site (used in feeds, the API and the embed code).');
  });
});
