/** A formula typeset by KaTeX (bundled: fonts and CSS come from the app, never a CDN). */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useLayoutEffect, useMemo, useRef } from 'react';

/** A formula wider than its box is shrunk down to this fraction of its size; beyond, it scrolls. */
const MIN_SCALE = 0.7;

/**
 * Shrinks the formula in `el` until it fits its box (KaTeX sizes everything in em, so the font
 * size scales the whole formula), from scratch on every resize of the box.
 */
function fitToBox(el: HTMLElement): void {
  el.style.fontSize = '';
  if (el.clientWidth === 0 || el.scrollWidth <= el.clientWidth) return;
  const base = Number.parseFloat(getComputedStyle(el).fontSize);
  const smallest = base * MIN_SCALE;
  let size = base;
  // A few rounds: not every part of a formula scales with the font (rules, fixed gaps).
  for (let round = 0; round < 4 && el.scrollWidth > el.clientWidth && size > smallest; round++) {
    const scaled = Math.floor(size * (el.clientWidth / el.scrollWidth) * 10) / 10 - 0.1;
    size = Math.max(smallest, scaled);
    el.style.fontSize = `${size}px`;
  }
}

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
  const ref = useRef<HTMLDivElement & HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || inline || typeof ResizeObserver === 'undefined') return;
    const fit = (): void => fitToBox(el);
    fit();
    // Setting the font size inside the callback ends at the size it started from, so this does
    // not loop.
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    // KaTeX's fonts may arrive after the first measure and change the width without resizing
    // the box.
    const fonts = typeof document !== 'undefined' ? document.fonts : undefined;
    fonts?.addEventListener('loadingdone', fit);
    return () => {
      observer.disconnect();
      fonts?.removeEventListener('loadingdone', fit);
    };
  }, [html, inline]);
  const Tag = inline ? 'span' : 'div';
  // KaTeX's output is generated from our own TeX strings (numbers formatted by us), not user HTML.
  return (
    <Tag
      ref={ref}
      className={inline ? 'learn-formula learn-formula--inline' : 'learn-formula'}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
