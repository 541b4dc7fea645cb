/**
 * Draws the SVG that ECharts' server-side renderer produces into a pdfkit document as vector
 * graphics. pdfkit has no SVG import; ECharts' SSR output only uses a handful of elements (`path`,
 * `rect`, `text`, `g` with clip paths in `defs`) with translate/matrix transforms, which is all
 * this handles. Anything else is skipped.
 */

/** The part of pdfkit's document this needs (kept narrow so tests can record calls). */
export interface PdfCanvas {
  save(): this;
  restore(): this;
  transform(
    m11: number,
    m12: number,
    m21: number,
    m22: number,
    dx: number,
    dy: number,
  ): this;
  path(d: string): this;
  rect(x: number, y: number, w: number, h: number): this;
  fillColor(color: string | [number, number, number], opacity?: number): this;
  strokeColor(color: string | [number, number, number], opacity?: number): this;
  lineWidth(w: number): this;
  fill(): this;
  stroke(): this;
  fillAndStroke(): this;
  fontSize(size: number): this;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options?: object): this;
}

export interface SvgElement {
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

const ATTR = /([\w:-]+)="([^"]*)"/g;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The drawable elements in document order, without the clip-path definitions. */
export function parseSvg(svg: string): {
  width: number;
  height: number;
  elements: SvgElement[];
} {
  const root = /<svg\b([^>]*)>/.exec(svg);
  const rootAttrs = attrsOf(root?.[1] ?? '');
  // Clip paths (ECharts writes them inline or in <defs>) are geometry, not drawing.
  const body = svg
    .replace(/<defs>[\s\S]*?<\/defs>/g, '')
    .replace(/<clipPath\b[\s\S]*?<\/clipPath>/g, '')
    .replace(/<style\b[\s\S]*?<\/style>/g, '');
  const elements: SvgElement[] = [];
  const re = /<(path|rect|text)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/g;
  for (let m = re.exec(body); m; m = re.exec(body))
    elements.push({
      tag: m[1],
      attrs: attrsOf(m[2]),
      text: decode(m[3] ?? ''),
    });
  return {
    width: Number(rootAttrs['width'] ?? 0),
    height: Number(rootAttrs['height'] ?? 0),
    elements,
  };
}

function attrsOf(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1]] = decode(m[2]);
  return out;
}

/** `translate(x y)` or `matrix(a b c d e f)` → [a b c d e f]. */
export function parseTransform(
  t: string | undefined,
): [number, number, number, number, number, number] | null {
  if (!t) return null;
  const nums = (s: string) =>
    s
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
  const matrix = /matrix\(([^)]*)\)/.exec(t);
  if (matrix) {
    const [a, b, c, d, e, f] = nums(matrix[1]);
    return [a, b, c, d, e, f];
  }
  const translate = /translate\(([^)]*)\)/.exec(t);
  if (translate) {
    const [x, y] = nums(translate[1]);
    return [1, 0, 0, 1, x ?? 0, y ?? 0];
  }
  return null;
}

/** An SVG colour as pdfkit's RGB array and its alpha; null for none/transparent/unknown. */
export function paint(
  value: string | undefined,
): { rgb: [number, number, number]; alpha: number } | null {
  if (!value || value === 'none' || value === 'transparent') return null;
  const v = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v);
  if (hex) {
    const h =
      hex[1].length === 3
        ? hex[1]
            .split('')
            .map((c) => c + c)
            .join('')
        : hex[1];
    return {
      rgb: [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [
        number,
        number,
        number,
      ],
      alpha: 1,
    };
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(v);
  if (fn) {
    const [r, g, b, a] = fn[1].split(',').map((x) => Number(x.trim()));
    if ([r, g, b].some((x) => !Number.isFinite(x))) return null;
    return { rgb: [r, g, b], alpha: Number.isFinite(a) ? a : 1 };
  }
  return null;
}

function opacity(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isFinite(n) ? Math.max(0, Math.min(1, n)) : 1;
}

function fontSize(style: string | undefined): number {
  const m = /font-size:\s*([\d.]+)px/.exec(style ?? '');
  return m ? Number(m[1]) : 12;
}

/** Draws the parsed SVG at (x, y) scaled to `width` points wide. Returns the elements drawn. */
export function drawSvg(
  doc: PdfCanvas,
  svg: string,
  x: number,
  y: number,
  width: number,
): number {
  const parsed = parseSvg(svg);
  const scale = parsed.width > 0 ? width / parsed.width : 1;
  let drawn = 0;
  doc.save();
  doc.transform(scale, 0, 0, scale, x, y);
  for (const el of parsed.elements) {
    const a = el.attrs;
    const whole = opacity(a['opacity']);
    const fillPaint = paint(a['fill']);
    const strokePaint = paint(a['stroke']);
    const fillAlpha =
      (fillPaint?.alpha ?? 0) * opacity(a['fill-opacity']) * whole;
    const strokeAlpha =
      (strokePaint?.alpha ?? 0) * opacity(a['stroke-opacity']) * whole;
    // Fully transparent paint is not drawn (ECharts emits invisible hit areas).
    const fill = fillPaint && fillAlpha > 0 ? fillPaint : null;
    const stroke = strokePaint && strokeAlpha > 0 ? strokePaint : null;
    doc.save();
    const m = parseTransform(a['transform']);
    if (m) doc.transform(...m);
    if (el.tag === 'text') {
      if (!el.text.trim() || (fillPaint && fillAlpha === 0)) {
        doc.restore();
        continue;
      }
      const size = fontSize(a['style']);
      doc
        .fontSize(size)
        .fillColor(fill?.rgb ?? [0, 0, 0], fill ? fillAlpha : whole);
      const w = doc.widthOfString(el.text);
      const anchor = a['text-anchor'];
      const tx =
        Number(a['x'] ?? 0) -
        (anchor === 'end' ? w : anchor === 'middle' ? w / 2 : 0);
      // ECharts centres text vertically (dominant-baseline: central); pdfkit places the top.
      const central = a['dominant-baseline'] === 'central';
      const ty = Number(a['y'] ?? 0) - (central ? size / 2 : size * 0.8);
      doc.text(el.text, tx, ty, { lineBreak: false });
      drawn++;
      doc.restore();
      continue;
    }
    if (!fill && !stroke) {
      doc.restore();
      continue;
    }
    if (el.tag === 'rect')
      doc.rect(
        Number(a['x'] ?? 0),
        Number(a['y'] ?? 0),
        Number(a['width'] ?? 0),
        Number(a['height'] ?? 0),
      );
    else if (a['d']) doc.path(a['d']);
    else {
      doc.restore();
      continue;
    }
    if (fill) doc.fillColor(fill.rgb, fillAlpha);
    if (stroke) {
      doc.strokeColor(stroke.rgb, strokeAlpha);
      doc.lineWidth(Number(a['stroke-width'] ?? 1));
    }
    if (fill && stroke) doc.fillAndStroke();
    else if (fill) doc.fill();
    else doc.stroke();
    drawn++;
    doc.restore();
  }
  doc.restore();
  return drawn;
}
