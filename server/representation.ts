/** A body ready to send: bytes, type, validators and the headers that depend on the path. */
import { createHash } from 'node:crypto';

export interface Representation {
  body: Buffer;
  /** Content hash (base64url), the key of compressed variants. */
  hash: string;
  /** Strong ETag of the identity body. */
  etag: string;
  type: string;
  cacheControl: string;
  /** Content-Security-Policy for this body. */
  csp: string;
  /** Last-Modified (HTTP date), when known. */
  lastModified?: string;
}

/** Hash and ETag of a body. */
export function validators(body: Buffer): { hash: string; etag: string } {
  const hash = createHash('sha1').update(body).digest('base64url');
  return { hash, etag: `"${hash}"` };
}
