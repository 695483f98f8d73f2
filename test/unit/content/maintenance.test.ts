import { describe, expect, it } from 'vitest';
import { announcedAt, maintenanceAt, maintenanceToSnapshot, parseMaintenance, type MaintenanceWindow } from '../../../src/lib/content/maintenance';
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

describe('announcedAt: the stable instant a window counts as announced', () => {
  const ANNOUNCED = START - 10 * 86_400; // 2025-11-02T21:00:00+01:00
  const announced = text.replace('ends_at: 2025-11-12T23:00:00+01:00', 'ends_at: 2025-11-12T23:00:00+01:00\nannounced: 2025-11-02T21:00:00+01:00');
  const FILE_TIME = START - 3 * 86_400;

  it('is the frontmatter announced, whatever the file time and the evaluated instant', () => {
    const w = windowOf(announced);
    const touched = { ...w, file_time: FILE_TIME };
    expect(announcedAt(touched, START - 3600)).toBe(ANNOUNCED);
    expect(announcedAt(touched, START - 60)).toBe(ANNOUNCED);
    expect(announcedAt(touched, END + 86_400)).toBe(ANNOUNCED);
  });

  it('falls back to the file time passed in, the same at every evaluated instant before the start', () => {
    const r = parseMaintenance(text, FILE, ctx, FILE_TIME);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(announcedAt(r.value, START - 86_400)).toBe(FILE_TIME);
    expect(announcedAt(r.value, START - 60)).toBe(FILE_TIME);
  });

  it('is never later than the evaluated instant, and never the future start', () => {
    const w = { ...windowOf(text), file_time: START + 3600 };
    expect(announcedAt(w, START - 600)).toBe(START - 600);
    expect(announcedAt(w, START - 600)).not.toBe(START);
  });

  it('keeps a file touched after the window started (e.g. by a checkout) no later than the start', () => {
    const w = { ...windowOf(text), file_time: END + 86_400 };
    expect(announcedAt(w, END + 2 * 86_400)).toBe(START);
  });

  it('is unknown (null) when neither the frontmatter nor the file time says', () => {
    expect(announcedAt(windowOf(text), START - 60)).toBeNull();
  });

  it('goes into the snapshot as announced_at, in the site zone', () => {
    const w = { ...windowOf(text), file_time: FILE_TIME };
    const m = maintenanceToSnapshot(w, START - 60, 'Europe/Brussels');
    expect(m.announced_at).toBe('2025-11-09T21:00:00+01:00');
    expect(maintenanceToSnapshot(windowOf(announced), START - 60).announced_at).toBe('2025-11-02T21:00:00+01:00');
    expect(MaintenanceSchema.parse(m)).toEqual(m);
  });

  it('rejects an announced that is not an ISO instant with offset, in one line at its place', () => {
    const r = parseMaintenance(announced.replace('announced: 2025-11-02T21:00:00+01:00', 'announced: 2 november'), FILE, ctx);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${FILE}:6:\\d+: announced: `));
  });

  it('rejects an announced after the window ended', () => {
    const r = parseMaintenance(announced.replace('announced: 2025-11-02T21:00:00+01:00', 'announced: 2025-11-13T09:00:00+01:00'), FILE, ctx);
    expect(r.ok ? [] : r.errors).toEqual([
      `${FILE}:6:12: announced: 2025-11-13T09:00:00+01:00 is after ends_at (2025-11-12T23:00:00+01:00) — write when the window was first announced, or leave announced out.`,
    ]);
  });
});
