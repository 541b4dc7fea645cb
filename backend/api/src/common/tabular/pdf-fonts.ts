import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Noto Sans SC (GB2312 coverage, OTF) from the @embedpdf/fonts-sc package. */
export interface CjkFonts {
  regular: string;
  bold: string;
}

let cached: CjkFonts | null | undefined;

/**
 * The CJK font files, or null when the package is missing (then Chinese prints as `?`). Resolved
 * from the working directory and from this file, so both the sources and the bundle find it.
 */
export function cjkFonts(): CjkFonts | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const base of [join(process.cwd(), 'package.json'), __filename]) {
    try {
      const entry = createRequire(base).resolve('@embedpdf/fonts-sc');
      const dir = join(dirname(entry), '..', 'fonts');
      const fonts = {
        regular: join(dir, 'NotoSansHans-Regular.otf'),
        bold: join(dir, 'NotoSansHans-Bold.otf'),
      };
      if (existsSync(fonts.regular) && existsSync(fonts.bold)) {
        cached = fonts;
        break;
      }
    } catch {
      // Not resolvable from this base; try the next.
    }
  }
  return cached;
}

/** Characters pdfkit's built-in (WinAnsi) fonts can draw. */
const LATIN = /^[\x20-\x7e\u00a0-\u00ff–—…‘’“”€•]*$/;

/**
 * Picks the face for each text: the built-in Helvetica for Latin text, the embedded CJK font
 * (subset by pdfkit: only the glyphs used end up in the file) for Chinese text or when the
 * report is in Chinese. Without the font package, non-Latin characters become `?`.
 */
export class PdfFaces {
  private readonly cjk: boolean;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly preferCjk: boolean,
    fonts: CjkFonts | null = cjkFonts(),
  ) {
    this.cjk = fonts !== null;
    if (fonts) {
      doc.registerFont('cjk', fonts.regular);
      doc.registerFont('cjk-bold', fonts.bold);
    }
  }

  /** Sets the font for `text` and returns the text to draw. */
  use(text: string, bold = false): string {
    const latin = LATIN.test(text);
    if (this.cjk && (this.preferCjk || !latin)) {
      this.doc.font(bold ? 'cjk-bold' : 'cjk');
      return text;
    }
    this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    return latin
      ? text
      : text.replace(/[^\x20-\x7e\u00a0-\u00ff–—…‘’“”€•]/g, '?');
  }
}
