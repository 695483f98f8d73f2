/**
 * Builds the embed script (/embed.js) from src/lib/embed: one dependency-free IIFE, minified by
 * esbuild (the bundler Astro's Vite already ships). Sources arrive as text (Vite `?raw` imports) so
 * the build does not depend on the working directory.
 */
import { build } from 'esbuild';

/** Bundles the entry (which imports './element'), the element and its state module (all given as source text) into one IIFE. */
export async function bundleEmbedScript(sources: { entry: string; element: string; state: string }): Promise<string> {
  const files: Record<string, string> = { './element': sources.element, './state': sources.state };
  const result = await build({
    stdin: { contents: sources.entry, loader: 'ts', sourcefile: 'embed-entry.ts' },
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    plugins: [
      {
        name: 'raw-sources',
        setup(b) {
          b.onResolve({ filter: /^\.\/(element|state)$/ }, (args) => ({ path: args.path, namespace: 'embed' }));
          b.onLoad({ filter: /.*/, namespace: 'embed' }, (args) => ({ contents: files[args.path] ?? '', loader: 'ts' }));
        },
      },
    ],
  });
  const out = result.outputFiles[0];
  if (out === undefined) throw new Error('embed.js: esbuild produced no output; check src/lib/embed/element.ts');
  return out.text;
}
