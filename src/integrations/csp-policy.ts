/**
 * The site's Content Security Policy, worked out from a built page: scripts only from the
 * site itself or inline scripts whose exact text the policy names by hash, never `eval`
 * (WebAssembly, which the search index needs, has its own permission), and nothing loaded
 * from another origin. Pure: src/integrations/csp.ts applies it to dist/.
 */
import { createHash } from 'node:crypto';

/** Inline scripts the browser would run (JSON data blocks are not code and need no hash). */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = m[1] ?? '';
    if (/\ssrc\s*=/i.test(attributes)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type !== undefined && type !== 'module' && type !== 'text/javascript' && type !== 'application/javascript') continue;
    scripts.push(m[2] ?? '');
  }
  return scripts;
}

/** The CSP source expression for a script's exact text. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy for one page. Styles may be inline: Starlight's code blocks and the islands set
 * style attributes, and a style cannot run code. `frame-ancestors` only works as a header,
 * so `forHeader` adds it there.
 */
export function policyFor(html: string, { forHeader = false } = {}): string {
  const hashes = [...new Set(inlineScripts(html).map(scriptHash))].sort();
  const directives = [
    "default-src 'self'",
    ['script-src', "'self'", "'wasm-unsafe-eval'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    ...(forHeader ? ["frame-ancestors 'none'"] : []),
  ];
  return directives.join('; ');
}

const META_PATTERN = /<meta http-equiv="Content-Security-Policy"[^>]*>/i;

/**
 * The page with its policy as the first element of <head>, so that it governs every script
 * after it. A page that already has one gets it replaced (a second build over the same files).
 */
export function withPolicyMeta(html: string): string {
  const cleaned = html.replace(META_PATTERN, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(cleaned).replace(/"/g, '&quot;')}">`;
  const head = /<head\b[^>]*>/i.exec(cleaned);
  if (!head) throw new Error('a built page has no <head> to put its Content Security Policy in');
  const at = head.index + head[0].length;
  return cleaned.slice(0, at) + meta + cleaned.slice(at);
}

/** Headers every response gets from a static host that reads a `_headers` file. */
const COMMON_HEADERS = ['X-Content-Type-Options: nosniff', 'Referrer-Policy: strict-origin-when-cross-origin'];

/**
 * A `_headers` file (the format Netlify and Cloudflare Pages read) giving each page its
 * policy as an HTTP header, which also allows `frame-ancestors`.
 */
export function headersFile(pages: readonly { path: string; html: string }[]): string {
  const blocks = [['/*', ...COMMON_HEADERS.map((h) => `  ${h}`)].join('\n')];
  for (const page of [...pages].sort((a, b) => a.path.localeCompare(b.path))) {
    blocks.push(`${page.path}\n  Content-Security-Policy: ${policyFor(page.html.replace(META_PATTERN, ''), { forHeader: true })}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
