import type { Child } from "hono/jsx";

/** Props of the page shell. */
export interface LayoutProps {
  title: string;
  children?: Child;
}

/**
 * The document shell: one stylesheet and one module script from `public/`, no framework, so
 * the server-rendered page is complete on its own and the script only adds uploads and progress.
 */
export function Layout({ title, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href="/page.css" />
        <script type="module" src="/page.js"></script>
      </head>
      <body>
        <a class="skip" href="#results">Skip to results</a>
        <header class="masthead">
          <h1>
            <a href="/">semclust</a>
          </h1>
          <p>Groups images by meaning: search a source or bring your own pictures, and see which meanings they have.</p>
        </header>
        <main>{children}</main>
        <footer class="colophon">
          <p>
            MobileNetV2 embeddings and k-means, computed inside a Cloudflare Worker. API: <a href="/openapi.json">OpenAPI document</a>.
          </p>
        </footer>
      </body>
    </html>
  );
}
