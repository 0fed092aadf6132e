/** A formula typeset by KaTeX (bundled: fonts and CSS come from the app, never a CDN). */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

export function Formula({ tex, inline = false }: { tex: string; inline?: boolean }) {
  const html = useMemo(
    () =>
      katex.renderToString(tex, {
        displayMode: !inline,
        throwOnError: false,
        output: 'htmlAndMathml',
      }),
    [tex, inline],
  );
  const Tag = inline ? 'span' : 'div';
  // KaTeX's output is generated from our own TeX strings (numbers formatted by us), not user HTML.
  return (
    <Tag
      className={inline ? 'learn-formula learn-formula--inline' : 'learn-formula'}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
