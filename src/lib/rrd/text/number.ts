/**
 * Number parsing for the text readers.
 *
 * rrdtool prints every value with `%0.10e` (d.dddddddddde±XX). Parsing that by hand is several times
 * faster than `parseFloat(s.slice(…))` because it allocates nothing, and it is exact: an 11-digit
 * mantissa is an exact integer, 10^k is exact for k ≤ 22, and one multiplication or division of two
 * exact doubles is correctly rounded (Clinger's fast path). Anything else (more digits, far exponents,
 * `NaN`, `-nan(0x8000…)`, `inf`, decimal commas) goes through the slow, tolerant path.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NAN_SPELLING = /^[+-]?(?:nan(?:\([0-9a-zA-Z_]*\))?|nanq|nans|null|u)$/;
const INF_SPELLING = /^([+-]?)(?:inf|infinity)$/;

/**
 * Value of the number spelled in `s[from, to)` (surrounding whitespace allowed); NaN for rrdtool's
 * unknown spellings, ±Infinity for inf and overflow (1e400); undefined when it is not a number at all.
 */
export function parseValue(s: string, from: number, to: number): number | undefined {
  while (from < to && s.charCodeAt(from) <= 32) from++;
  while (to > from && s.charCodeAt(to - 1) <= 32) to--;
  let i = from;
  let c = s.charCodeAt(i);
  let negative = false;
  if (c === 45) {
    negative = true;
    c = s.charCodeAt(++i);
  } else if (c === 43) c = s.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = s.charCodeAt(++i);
  }
  if (c === 46) {
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      fraction++;
      c = s.charCodeAt(++i);
    }
  }
  if (digits === 0 || digits > 15) return parseSlow(s.slice(from, to));
  let exponent = 0;
  if (i < to && (c === 101 || c === 69)) {
    c = s.charCodeAt(++i);
    let expNegative = false;
    if (c === 45) {
      expNegative = true;
      c = s.charCodeAt(++i);
    } else if (c === 43) c = s.charCodeAt(++i);
    let expDigits = 0;
    while (c >= 48 && c <= 57 && expDigits < 4) {
      exponent = exponent * 10 + (c - 48);
      expDigits++;
      c = s.charCodeAt(++i);
    }
    if (expDigits === 0) return parseSlow(s.slice(from, to));
    if (expNegative) exponent = -exponent;
  }
  if (i !== to) return parseSlow(s.slice(from, to));
  const scale = exponent - fraction;
  let value: number;
  if (scale === 0) value = mantissa;
  else if (scale > 0 && scale <= 22) value = mantissa * (POW10[scale] as number);
  else if (scale < 0 && scale >= -22) value = mantissa / (POW10[-scale] as number);
  else return parseSlow(s.slice(from, to));
  return negative ? -value : value;
}

/** The tolerant path: unknown and infinite spellings of every libc, decimal commas of a non-C locale. */
export function parseSlow(token: string): number | undefined {
  const t = token.trim();
  if (DECIMAL.test(t)) return Number(t);
  const lower = t.toLowerCase();
  if (NAN_SPELLING.test(lower)) return NaN;
  const inf = INF_SPELLING.exec(lower);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  // A decimal comma (fetch under LC_ALL=fr_BE.UTF-8): `3,6137266667e+02`. Only one comma, no point.
  if (t.indexOf('.') < 0 && t.indexOf(',') === t.lastIndexOf(',')) {
    const dotted = t.replace(',', '.');
    if (DECIMAL.test(dotted)) return Number(dotted);
  }
  return undefined;
}

/** Integer in `s[from, to)` (whitespace allowed), or undefined when it is not a plain (possibly negative) integer. */
export function parseInteger(s: string, from: number, to: number): number | undefined {
  while (from < to && s.charCodeAt(from) <= 32) from++;
  while (to > from && s.charCodeAt(to - 1) <= 32) to--;
  if (from === to) return undefined;
  let i = from;
  let negative = false;
  if (s.charCodeAt(i) === 45) {
    negative = true;
    i++;
  }
  if (i === to || to - i > 15) return undefined;
  let n = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return negative ? -n : n;
}

/** A short, single-line, quoted excerpt of input for an error message (newlines and quotes escaped). */
export function excerpt(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
