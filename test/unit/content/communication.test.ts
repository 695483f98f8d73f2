import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { communicationToIncident, parseCommunication, type Communication } from '../../../src/lib/content/communication';
import type { ContentContext } from '../../../src/lib/content/types';
import { IncidentSchema } from '../../../src/lib/snapshot/schema';

const ctx: ContentContext = { serviceIds: ['gfd', 'pcdh', 'raotd', 'assurpharma'], languages: ['nl', 'fr'], defaultLanguage: 'nl', timeZone: 'Europe/Brussels' };
const FILE = 'data/incidents/2025-11-03-pcdh-storing.md';

const resolved = `---
title: { nl: PCDH onbereikbaar, fr: PCDH inaccessible }
impact: major
services: [pcdh]
started_at: 2025-11-03T09:14:00+01:00
resolved_at: 2025-11-03T09:23:00+01:00
detected_incident: 2025-11-03-pcdh-1
updates:
  - status: resolved
    at: 2025-11-03T09:26:00+01:00
    text: { nl: Opgelost., fr: Résolu. }
  - status: investigating
    at: 2025-11-03T09:17:00+01:00
    text: { nl: We onderzoeken het., fr: Nous examinons. }
---
Nederlandse tekst.

[fr]
Texte français.
`;

function ok(text: string): { value: Communication; warnings: string[] } {
  const r = parseCommunication(text, FILE, ctx);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
}
function errorsOf(text: string): string[] {
  const r = parseCommunication(text, FILE, ctx);
  if (r.ok) throw new Error('expected the communication to be rejected');
  return r.errors;
}

describe('parseCommunication', () => {
  it('reads frontmatter, language sections and sorts the updates oldest first', () => {
    const { value, warnings } = ok(resolved);
    expect(warnings).toEqual([]);
    expect(value.id).toBe('2025-11-03-pcdh-storing');
    expect(value.status).toBe('resolved');
    expect(value.updates.map((u) => u.status)).toEqual(['investigating', 'resolved']);
    expect(value.body).toEqual({ nl: 'Nederlandse tekst.', fr: 'Texte français.' });
    expect(value.start).toBe(1762157640);
    expect(value.end).toBe(1762158180);
    expect(value.detected_incident).toBe('2025-11-03-pcdh-1');
  });

  it('normalises times written in UTC to the site offset', () => {
    const { value } = ok(resolved.replace('started_at: 2025-11-03T09:14:00+01:00', 'started_at: 2025-11-03T08:14:00Z'));
    expect(value.started_at).toBe('2025-11-03T09:14:00+01:00');
  });

  it('requires resolved_at once the latest update is resolved', () => {
    expect(errorsOf(resolved.replace('resolved_at: 2025-11-03T09:23:00+01:00\n', ''))).toEqual([
      `${FILE}:2:1: resolved_at: missing — the latest update is "resolved", so add resolved_at: the time the service was back, e.g. 2025-11-03T09:14:00+01:00.`,
    ]);
  });

  it('rejects resolved_at while the incident is still ongoing', () => {
    const text = resolved.replace('  - status: resolved', '  - status: monitoring');
    expect(errorsOf(text)).toEqual([
      `${FILE}:6:14: resolved_at: is set but the latest update is "monitoring" — add an update with status: resolved, or remove resolved_at while the incident is ongoing.`,
    ]);
  });

  it('rejects an unknown service with a did-you-mean and the configured ids', () => {
    expect(errorsOf(resolved.replace('services: [pcdh]', 'services: [pcd]'))).toEqual([
      `${FILE}:4:12: services[0]: unknown service "pcd" — did you mean "pcdh"? Use one of the ids in data/status.yaml: gfd, pcdh, raotd, assurpharma.`,
    ]);
  });

  it('reports a misspelt frontmatter field at its line in the Markdown file', () => {
    expect(errorsOf(resolved.replace('impact: major', 'impakt: major'))).toEqual([
      `${FILE}:2:1: impact: missing required key "impact" — add it at the top level.`,
      `${FILE}:3:1: impakt: unknown key "impakt" — did you mean "impact"? Remove it or use one of: title, impact, services, started_at, resolved_at, updates, detected_incident, still_works, workaround, next_update_at.`,
    ]);
  });

  it('rejects an update status that does not exist', () => {
    expect(errorsOf(resolved.replace('  - status: investigating', '  - status: investigate'))).toEqual([
      `${FILE}:12:13: updates[1].status: "investigate" is not allowed — did you mean "investigating"? Use one of: investigating, identified, monitoring, resolved.`,
    ]);
  });

  it('rejects a time without offset, showing the expected form', () => {
    expect(errorsOf(resolved.replace('started_at: 2025-11-03T09:14:00+01:00', 'started_at: 2025-11-03 09:14'))).toEqual([
      `${FILE}:5:13: started_at: "2025-11-03 09:14" is not a date-time with offset — write it like 2025-11-04T15:30:00+01:00.`,
    ]);
  });

  it('rejects a file without frontmatter', () => {
    expect(errorsOf('# Storing\n')).toEqual([
      `${FILE}:1:1: (frontmatter): the file does not start with "---" — put the fields (title, services, …) between two lines "---" at the top.`,
    ]);
  });

  it('rejects a title without the default language', () => {
    expect(errorsOf(resolved.replace('title: { nl: PCDH onbereikbaar, fr: PCDH inaccessible }', 'title: { fr: PCDH inaccessible }'))).toEqual([
      `${FILE}:2:8: title: no "nl" text — add "nl: …" (the default language must always be present).`,
    ]);
  });

  it('warns, without failing, when a translation is missing (the default language is shown instead)', () => {
    const r = ok(resolved.replace('title: { nl: PCDH onbereikbaar, fr: PCDH inaccessible }', 'title: { nl: PCDH onbereikbaar }').replace('\n[fr]\nTexte français.\n', '\n'));
    expect(r.warnings).toEqual([
      `${FILE}:2:8: title: no "fr" text — the "nl" text is shown instead; add "fr: …".`,
      `${FILE}:16:1: body: no [fr] section — the nl text is shown instead; add a line "[fr]" followed by the translation.`,
    ]);
    expect(r.value.title).toEqual({ nl: 'PCDH onbereikbaar' });
  });

  it('rejects a resolution before the start', () => {
    expect(errorsOf(resolved.replace('resolved_at: 2025-11-03T09:23:00+01:00', 'resolved_at: 2025-11-03T08:23:00+01:00'))).toEqual([
      `${FILE}:6:14: resolved_at: 2025-11-03T08:23:00+01:00 is before started_at (2025-11-03T09:14:00+01:00) — correct one of the two.`,
    ]);
  });

  it('parses the sample communications in data/incidents without errors or warnings', () => {
    for (const name of ['2025-11-03-pcdh-onderbreking.md', '2025-11-04-raotd-fouten.md']) {
      const r = parseCommunication(readFileSync(`data/incidents/${name}`, 'utf8'), `data/incidents/${name}`, ctx);
      expect(r.ok ? r.warnings : r.errors).toEqual([]);
    }
  });
});

describe('communicationToIncident', () => {
  it('makes a valid snapshot incident, updates newest first, linked to its detected incident', () => {
    const incident = communicationToIncident(ok(resolved).value);
    expect(IncidentSchema.parse(incident)).toEqual(incident);
    expect(incident).toMatchObject({
      id: '2025-11-03-pcdh-storing',
      source: 'written',
      status: 'resolved',
      peak_level: 'partial_outage',
      resolved_at: '2025-11-03T09:23:00+01:00',
      detected_incident_id: '2025-11-03-pcdh-1',
      still_works: null,
    });
    expect(incident.updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
  });

  it('keeps the ongoing RaOTD sample open with what still works, the workaround and the next update', () => {
    const r = parseCommunication(readFileSync('data/incidents/2025-11-04-raotd-fouten.md', 'utf8'), 'data/incidents/2025-11-04-raotd-fouten.md', ctx);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const incident = communicationToIncident(r.value);
    expect(incident.status).toBe('identified');
    expect(incident.resolved_at).toBeNull();
    expect(incident.started_at).toBe('2025-11-04T15:16:00+01:00');
    expect(incident.next_update_at).toBe('2025-11-04T16:00:00+01:00');
    expect(incident.still_works?.nl).toBeTruthy();
    expect(incident.workaround?.fr).toContain('papier');
  });
});
