import { describe, expect, it } from 'vitest';
import { maintenanceAt, maintenanceToSnapshot, parseMaintenance, type MaintenanceWindow } from '../../../src/lib/content/maintenance';
import type { ContentContext } from '../../../src/lib/content/types';
import { MaintenanceSchema } from '../../../src/lib/snapshot/schema';

const ctx: ContentContext = { serviceIds: ['gfd', 'pcdh', 'raotd', 'assurpharma'], languages: ['nl', 'fr'], defaultLanguage: 'nl' };
const FILE = 'data/maintenance/2025-11-12-gfd-upgrade.md';
const START = 1762977600; // 2025-11-12T21:00:00+01:00
const END = 1762984800; // 2025-11-12T23:00:00+01:00

const text = `---
title: { nl: Onderhoud GFD, fr: Maintenance DPP }
services: [gfd]
starts_at: 2025-11-12T21:00:00+01:00
ends_at: 2025-11-12T23:00:00+01:00
---
Korte onderbrekingen mogelijk.

[fr]
Brèves interruptions possibles.
`;

function windowOf(t: string): MaintenanceWindow {
  const r = parseMaintenance(t, FILE, ctx);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

describe('parseMaintenance', () => {
  it('reads the window, its services and its text per language', () => {
    const w = windowOf(text);
    expect(w).toMatchObject({ id: '2025-11-12-gfd-upgrade', service_ids: ['gfd'], start: START, end: END });
    expect(w.body).toEqual({ nl: 'Korte onderbrekingen mogelijk.', fr: 'Brèves interruptions possibles.' });
  });

  it('rejects a window that ends before it starts', () => {
    const r = parseMaintenance(text.replace('ends_at: 2025-11-12T23:00:00+01:00', 'ends_at: 2025-11-12T20:00:00+01:00'), FILE, ctx);
    expect(r.ok ? [] : r.errors).toEqual([
      `${FILE}:5:10: ends_at: 2025-11-12T20:00:00+01:00 is not after starts_at (2025-11-12T21:00:00+01:00) — a maintenance window must end after it starts.`,
    ]);
  });

  it('rejects a window without services', () => {
    const r = parseMaintenance(text.replace('services: [gfd]', 'services: []'), FILE, ctx);
    expect(r.ok ? [] : r.errors).toEqual([`${FILE}:3:11: services: needs at least 1 item — add one.`]);
  });

  it('rejects a body written only in another language than the default', () => {
    const r = parseMaintenance(text.replace('Korte onderbrekingen mogelijk.\n', ''), FILE, ctx);
    expect(r.ok ? [] : r.errors).toEqual([`${FILE}:7:1: body: no [nl] section — add the nl text (text before the first [xx] line counts as nl).`]);
  });
});

describe('maintenanceToSnapshot', () => {
  it.each([
    [START - 1, 'scheduled'],
    [START, 'in_progress'],
    [END - 1, 'in_progress'],
    [END, 'completed'],
  ] as const)('at %i the window is %s', (now, status) => {
    const m = maintenanceToSnapshot(windowOf(text), now);
    expect(m.status).toBe(status);
    expect(MaintenanceSchema.parse(m)).toEqual(m);
  });
});

describe('maintenanceAt', () => {
  const w = windowOf(text);
  it('finds the window of the service from its start up to, not including, its end', () => {
    expect(maintenanceAt([w], 'gfd', START - 1)).toBeUndefined();
    expect(maintenanceAt([w], 'gfd', START)).toBe(w);
    expect(maintenanceAt([w], 'gfd', END - 1)).toBe(w);
    expect(maintenanceAt([w], 'gfd', END)).toBeUndefined();
  });

  it('ignores windows of other services', () => {
    expect(maintenanceAt([w], 'pcdh', START + 60)).toBeUndefined();
  });
});
