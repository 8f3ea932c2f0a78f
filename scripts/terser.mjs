// The one way the site's JavaScript is minified for readers (terser, npm): the app's
// glue, snippets and inline scripts (scripts/minify-app.mjs), and the glue of the
// search module and of the widgets (scripts/build-search.mjs, build-widgets.mjs).
import { minify } from 'terser';

const OPTIONS = { ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } };

/** `code` minified; `module` for an ES module (its exports keep their names); `name` for the error. */
export async function minifyJs(code, { module, name }) {
  const out = await minify(code, { ...OPTIONS, module });
  if (typeof out.code !== 'string') throw new Error(`terser gave nothing for ${name}`);
  return out.code;
}
