/** Saves a view's chart as PNG or its data as CSV through the browser's download (no paths). */

function save(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCanvasPng(canvas: HTMLCanvasElement, fileName: string): void {
  save(canvas.toDataURL('image/png'), fileName);
}

export function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  save(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
