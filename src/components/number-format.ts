/**
 * How the site writes numbers: as en-US `Intl.NumberFormat` writes them (grouped thousands,
 * rounded half away from zero), but without Intl for ordinary values. The first Intl formatter
 * a page builds loads the locale's data, a pause of about 100 ms on a laptop (400 ms on a
 * slow phone) that every page would otherwise take while its widgets start; and a formatter
 * built per call (`toLocaleString` with options) costs far more than the formatting itself.
 * tests/unit/number-format.test.ts holds these functions to Intl's output.
 */

/**
 * A number for reading: `value` with at most `maxDigits` decimals (and at least `minDigits`),
 * thousands grouped: 1234.5 → "1,234.5". Rounds the shortest decimal form of the double, as
 * Intl does, so 1.005 gives "1.01" where `toFixed` would give "1.00".
 */
export function formatNumber(value: number, maxDigits = 1, minDigits = 0): string {
  // Intl has words of its own for these ("NaN", "∞") and JavaScript writes huge numbers with an exponent.
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return intlFallback(value, maxDigits, minDigits);
  const negative = value < 0 || Object.is(value, -0);
  const { whole, fraction } = roundShortest(Math.abs(value), maxDigits);
  let end = fraction.length;
  while (end > minDigits && fraction[end - 1] === '0') end--;
  const decimals = fraction.slice(0, end).padEnd(minDigits, '0');
  return `${negative ? '-' : ''}${groupThousands(whole)}${decimals === '' ? '' : `.${decimals}`}`;
}

/** Dollars with cents, as Intl's en-US currency format: "$1,234.50", "-$3.00". */
export function formatUsd(dollars: number): string {
  if (!Number.isFinite(dollars)) return intlFallback(dollars, 2, 2, 'USD');
  const text = formatNumber(dollars, 2, 2);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/**
 * The integer and fraction digits of `abs` (≥ 0, finite, below 1e21) rounded to `maxDigits`
 * decimals, half away from zero, working on the digits JavaScript prints for it (the shortest
 * that read back as the same double), which are also the digits Intl rounds.
 */
function roundShortest(abs: number, maxDigits: number): { whole: string; fraction: string } {
  const [mantissa = '0', exponent = '0'] = String(abs).split('e');
  const [integerPart = '0', fractionPart = ''] = mantissa.split('.');
  // The value is 0.<digits> × 10^point.
  let digits = integerPart + fractionPart;
  let point = integerPart.length + Number(exponent);
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leadingZeros);
  point -= leadingZeros;
  if (digits === '') return { whole: '0', fraction: '' };
  // How many of the digits reach the last decimal kept; the next one decides the rounding.
  const keep = point + maxDigits;
  if (keep < digits.length) {
    let kept = keep > 0 ? digits.slice(0, keep) : '';
    if (keep >= 0 && (digits.charCodeAt(keep) as number) >= 53 /* '5' */) {
      const raised = increment(kept);
      // 99.96 → 100.0: a carry into a new leading digit moves the point.
      if (raised.length > kept.length) point += 1;
      kept = raised;
    }
    digits = kept.replace(/0+$/, '');
    if (digits === '') return { whole: '0', fraction: '' };
  }
  if (point <= 0) return { whole: '0', fraction: '0'.repeat(-point) + digits };
  if (digits.length <= point) return { whole: digits + '0'.repeat(point - digits.length), fraction: '' };
  return { whole: digits.slice(0, point), fraction: digits.slice(point) };
}

/** Adds one to a string of decimal digits: "129" → "130", "99" → "100", "" → "1". */
function increment(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** "1234567" → "1,234,567". */
function groupThousands(whole: string): string {
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return out;
}

/** The rare values left to Intl itself. */
function intlFallback(value: number, maxDigits: number, minDigits: number, currency?: string): string {
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits: maxDigits,
    minimumFractionDigits: minDigits,
    ...(currency ? { style: 'currency', currency } : {}),
  }).format(value);
}
