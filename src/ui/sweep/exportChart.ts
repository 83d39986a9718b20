// Exports of the sweep chart: the chart's SVG as a standalone file (namespaced, sized, on white),
// and that SVG drawn onto a canvas as PNG; and a download of either, or of the CSV.

export type ChartSvg = { text: string; width: number; height: number };

/** The chart's SVG (recharts' surface inside the figure) as standalone SVG text. */
export function svgOf(figure: HTMLElement | null): ChartSvg | null {
  const svg = figure?.querySelector('svg.recharts-surface');
  if (!svg) return null;
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width) || Number(svg.getAttribute('width')) || 600;
  const height = Math.round(box.height) || Number(svg.getAttribute('height')) || 260;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('font-family', 'system-ui, sans-serif');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', '#fff');
  copy.insertBefore(bg, copy.firstChild);
  // The legend is HTML beside the SVG in recharts: write its entries into the SVG as text.
  const legend = figure?.querySelectorAll('.recharts-legend-item-text');
  if (legend && legend.length > 0) {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    t.setAttribute('x', '8');
    t.setAttribute('y', String(height - 4));
    t.setAttribute('font-size', '10');
    t.textContent = [...legend].map((e) => e.textContent).join(' · ');
    copy.appendChild(t);
  }
  return { text: new XMLSerializer().serializeToString(copy), width, height };
}

/** The SVG drawn onto a canvas at twice its size, as a PNG blob (null where the browser cannot). */
export function svgToPng(svg: ChartSvg): Promise<Blob | null> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = svg.width * 2;
      canvas.height = svg.height * 2;
      const ctx = canvas.getContext('2d');
      if (!ctx) return resolve(null);
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      canvas.toBlob((b) => resolve(b), 'image/png');
    };
    img.onerror = () => resolve(null);
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  });
}

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
