/**
 * Remembering the results of pure formatting functions. A page render formats the same dates and
 * numbers thousands of times (90 uptime days × services × languages), and building an Intl
 * formatter or a zoned date costs far more than looking the answer up. Only for pure functions:
 * the result depends on the arguments alone. Bounded: the table is emptied past `max` entries.
 */

/** `fn` with its results remembered by `key(...args)`. */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, key: (...args: A) => string, max = 50_000): (...args: A) => R {
  const seen = new Map<string, R>();
  return (...args: A): R => {
    const k = key(...args);
    const hit = seen.get(k);
    if (hit !== undefined || seen.has(k)) return hit as R;
    const value = fn(...args);
    if (seen.size >= max) seen.clear();
    seen.set(k, value);
    return value;
  };
}

/**
 * `fn` of one string with its results remembered, emptied past `max` entries (arbitrary inputs cannot
 * grow it). No key function and no argument array: for per-request paths (the server's request
 * targets, live routes, Accept-Encoding values).
 */
export function memoizeString<R>(fn: (s: string) => R, max: number): (s: string) => R {
  const seen = new Map<string, R>();
  return (s: string): R => {
    const hit = seen.get(s);
    if (hit !== undefined || seen.has(s)) return hit as R;
    const value = fn(s);
    if (seen.size >= max) seen.clear();
    seen.set(s, value);
    return value;
  };
}
