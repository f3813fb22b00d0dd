/**
 * Gives every built page its Content Security Policy (src/integrations/csp-policy.ts): as a
 * <meta> tag in the page, which works on any host, and in dist/_headers for hosts that read
 * that file. Register it before `offline()`, which fingerprints the finished pages.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { headersFile, withPolicyMeta } from './csp-policy.ts';

/** The URL path a built HTML file is served at ("/chapters/intro/", "/404.html"). */
function urlPath(root: string, file: string): string {
  const path = `/${relative(root, file).split(sep).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'lab-content-security-policy',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
          .map((entry) => join(entry.parentPath, entry.name));
        const pages = files.map((file) => {
          const html = withPolicyMeta(readFileSync(file, 'utf8'));
          writeFileSync(file, html);
          return { path: urlPath(root, file), html };
        });
        writeFileSync(join(root, '_headers'), headersFile(pages));
        logger.info(`Content Security Policy set on ${pages.length} pages (meta tags and _headers).`);
      },
    },
  };
}
