import { describe, expect, it } from 'vitest';
import { browserUrl, serverUrlIn, startMessage } from '../../../scripts/lib/start-message';

describe('the npm start message', () => {
  it('shows a server listening on every interface as localhost, as the README says', () => {
    expect(browserUrl('http://127.0.0.1:4321')).toBe('http://localhost:4321/');
    expect(browserUrl('http://0.0.0.0:8080')).toBe('http://localhost:8080/');
    expect(browserUrl('http://status.example:4321')).toBe('http://status.example:4321/');
  });

  it('says the bundled sample data is being replayed, and how to run on real data', () => {
    const line = startMessage('http://127.0.0.1:4321', { sample: true, replay: true });
    expect(line).toBe(
      'fluxstatus: the status site is at http://localhost:4321/ — showing the bundled sample data (data/), replayed at its last minute; for your own RRDs: npm start -- --config FILE --data DIR --now live',
    );
  });

  it('says nothing about sample data for an installation running live', () => {
    expect(startMessage('http://127.0.0.1:4321', { sample: false, replay: false })).toBe('fluxstatus: the status site is at http://localhost:4321/');
  });

  it('finds the URL in the server start line only', () => {
    expect(serverUrlIn('fluxstatus serve: .fluxstatus/site on http://127.0.0.1:4321 (live routes from x)')).toBe('http://127.0.0.1:4321');
    expect(serverUrlIn('cycle published | at=…')).toBeNull();
  });
});
