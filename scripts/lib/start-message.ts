/**
 * What `npm start` tells a person once the site is up: the address to open (localhost, as the
 * README says, when the server listens on every interface) and, when the bundled sample is being
 * replayed, that this is sample data and how to run on real data. Pure: the caller passes facts in.
 */

/** The server's own line, e.g. "fluxstatus serve: .fluxstatus/site on http://127.0.0.1:4321 (…)". */
const SERVE_LINE = /^fluxstatus serve: .* on (https?:\/\/\S+)/;

/** The URL a browser on this host opens: a wildcard or loopback listener is shown as localhost. */
export function browserUrl(serverUrl: string): string {
  return `${serverUrl.replace(/^(https?:\/\/)(127\.0\.0\.1|0\.0\.0\.0|\[::\]|\[::1\])(?=[:/]|$)/, '$1localhost').replace(/\/?$/, '/')}`;
}

/** What is being shown: the bundled sample (data/ and data/status.yaml) or other data, replayed or live. */
export interface ShownData {
  sample: boolean;
  replay: boolean;
}

/** The one line printed when the server is up. */
export function startMessage(serverUrl: string, shown: ShownData): string {
  const open = `fluxstatus: the status site is at ${browserUrl(serverUrl)}`;
  if (shown.sample && shown.replay) {
    return `${open} — showing the bundled sample data (data/), replayed at its last minute; for your own RRDs: npm start -- --config FILE --data DIR --now live`;
  }
  if (shown.sample) return `${open} — showing the bundled sample data (data/)`;
  return shown.replay ? `${open} — a replay (the pages say so in a banner)` : open;
}

/** The URL in the server's start line, or null when `line` is another line. */
export function serverUrlIn(line: string): string | null {
  return SERVE_LINE.exec(line)?.[1] ?? null;
}
