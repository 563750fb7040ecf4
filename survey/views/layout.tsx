// The page shell shared by every server-rendered page: doctype, language, stylesheet.
import type { Child } from 'hono/jsx';
import { jsxRenderer } from 'hono/jsx-renderer';
import type { Lang } from '../../instrument/types.js';

export interface LayoutProps {
  title: string;
  lang?: Lang;
  /** Wide pages (admin tables) use more of a desktop screen. */
  wide?: boolean;
  children?: Child;
}

export function Layout({ title, lang = 'en', wide = false, children }: LayoutProps) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/assets/rootwork.css" />
        {/* An empty icon: browsers would otherwise request /favicon.ico on every page. */}
        <link rel="icon" href="data:," />
      </head>
      <body>
        <main id="main" class={wide ? 'wide' : undefined}>{children}</main>
      </body>
    </html>
  );
}

/** jsxRenderer emits `<!DOCTYPE html>` (c.html alone would leave pages in quirks mode). */
export const renderer = jsxRenderer(({ children }) => <>{children}</>, { docType: true });
