import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiDocument } from '../../../src/lib/api/documents';
import { buttonState, baseLanguage } from '../../../src/lib/embed/state';
import { bundleEmbedScript } from '../../../src/lib/embed/bundle';
import { dict } from '../../../src/i18n';
import { GENERATED, VALID_UNTIL, service, snapshot } from '../api/factory';

const status = (level: Parameters<typeof service>[1]) =>
  apiDocument('api/v2/status.json', snapshot({ services: [service('gfd', level)], overall: level }), GENERATED) as never;

describe('status button state', () => {
  it('shows the level of status.json in the page language with its colour', () => {
    expect(buttonState(status('partial_outage'), 'fr-BE', GENERATED * 1000)).toMatchObject({
      color: 'red',
      label: dict('fr').level.partial_outage,
      stale: false,
    });
  });

  it('turns grey with "data delayed" once valid_until has passed', () => {
    const state = buttonState(status('operational'), 'nl', VALID_UNTIL * 1000);
    expect(state).toMatchObject({ color: 'grey', label: 'Status onbekend — gegevens vertraagd', stale: true });
  });

  it('is grey when the document is missing or not ours', () => {
    expect(buttonState(null, 'nl', GENERATED * 1000).color).toBe('grey');
    expect(buttonState({ status: { description: 'All Systems Operational' } }, 'en', GENERATED * 1000).color).toBe('grey');
  });

  it('uses a known language text or falls back to another, never an empty label', () => {
    expect(buttonState(status('degraded'), 'de', GENERATED * 1000).label).not.toBe('');
    expect(baseLanguage('nl-BE')).toBe('nl');
    expect(baseLanguage(undefined)).toBe('en');
  });

  it('does not trust an unknown colour from the network', () => {
    const doc = { x_fluxstatus: { color: 'url(javascript:1)', label: { nl: 'x' }, valid_until: '2999-01-01T00:00:00Z' } };
    expect(buttonState(doc, 'nl', GENERATED * 1000).color).toBe('grey');
  });
});

describe('embed script bundle', () => {
  it('is a few KB, self-contained, and uses neither eval nor innerHTML', async () => {
    const js = await bundleEmbedScript({
      entry: "import { defineStatusButton } from './element'; defineStatusButton(undefined, () => 0);",
      element: readFileSync('src/lib/embed/element.ts', 'utf8'),
      state: readFileSync('src/lib/embed/state.ts', 'utf8'),
    });
    expect(js.length).toBeLessThan(8 * 1024);
    expect(js).not.toMatch(/\beval\(|new Function|innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(js).not.toMatch(/\bimport\b|\brequire\(/);
    expect(js).toContain('fluxstatus-button');
  });
});
