/**
 * A minimal PDF writer for one A4 page that shows one JPEG image, full bleed, plus optional filled
 * rectangles drawn on top as vectors (used for a crisp QR code). Pure TypeScript, no I/O, no DOM:
 * the browser renders the certificate onto a canvas, encodes it as JPEG, and this module wraps it.
 *
 * The JPEG is embedded as-is (DCTDecode), so the writer never decodes or re-encodes pixels.
 * Layout of the file: header, 6 objects (catalog, pages, page, image, content stream, info), a
 * cross-reference table with exact byte offsets, trailer, startxref, %%EOF (PDF 1.4, ISO 32000-1 §7.5).
 */

/** A4 in PDF points (1/72 inch): 210 mm × 297 mm. */
export const A4_POINTS = { width: 595.28, height: 841.89 } as const;

export interface JpegInfo {
  width: number;
  height: number;
  /** 1 = greyscale, 3 = YCbCr/RGB. */
  components: number;
}

/** A filled rectangle in points, measured from the page's top-left corner (like canvas/CSS). */
export interface PdfRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ImagePdfOptions {
  jpeg: Uint8Array;
  /** Document title for the viewer's title bar (any Unicode, including supplementary-plane characters). */
  title?: string;
  /** Black rectangles painted over the image, e.g. the modules of a QR code. */
  rects?: PdfRect[];
  /** Creation date written into the document information dictionary. */
  date?: Date;
  producer?: string;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** Reads the size and colour components of a baseline or progressive JPEG from its SOF segment. */
export function jpegInfo(bytes: Uint8Array): JpegInfo {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG image (missing SOI marker)');
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new Error(`corrupt JPEG: expected a marker at byte ${i}`);
    while (bytes[i] === 0xff) i++; // fill bytes
    const marker = bytes[i++];
    if (marker === 0xd9 || marker === 0xda) break; // EOI or start of scan before any frame header
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (i + 1 >= bytes.length) break;
    const length = (bytes[i] << 8) | bytes[i + 1];
    if (SOF_MARKERS.has(marker)) {
      if (i + 7 >= bytes.length) break;
      const height = (bytes[i + 3] << 8) | bytes[i + 4];
      const width = (bytes[i + 5] << 8) | bytes[i + 6];
      const components = bytes[i + 7];
      if (!width || !height) throw new Error('JPEG has no size');
      return { width, height, components };
    }
    i += length;
  }
  throw new Error('corrupt JPEG: no frame header (SOF) found');
}

/** A number as PDF writes it: at most 2 decimals, no exponent, no trailing zeros. */
export function pdfNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = (Math.round(n * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** A PDF text string in UTF-16BE with BOM, as hex: handles every code point (surrogate pairs included). */
export function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

const latin1 = (s: string) =>
  Uint8Array.from(s, (c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error('PDF syntax must be Latin-1');
    return code;
  });

/** Writes a one-page A4 PDF showing the JPEG stretched to the whole page. */
export function imagePdf(options: ImagePdfOptions): Uint8Array {
  const info = jpegInfo(options.jpeg);
  const colorSpace = info.components === 1 ? '/DeviceGray' : info.components === 3 ? '/DeviceRGB' : null;
  if (!colorSpace) throw new Error(`unsupported JPEG with ${info.components} colour components (use greyscale or RGB)`);
  const { width: W, height: H } = A4_POINTS;

  const ops = [`q ${pdfNumber(W)} 0 0 ${pdfNumber(H)} 0 0 cm /Im0 Do Q`];
  if (options.rects?.length) {
    ops.push('0 g');
    // PDF's origin is bottom-left: flip y.
    for (const r of options.rects)
      ops.push(`${pdfNumber(r.x)} ${pdfNumber(H - r.y - r.height)} ${pdfNumber(r.width)} ${pdfNumber(r.height)} re`);
    ops.push('f');
  }
  const content = latin1(`${ops.join('\n')}\n`);

  const infoEntries = [
    `/Producer ${pdfTextString(options.producer ?? '质量学堂 Quality Academy')}`,
    `/CreationDate ${pdfDate(options.date ?? new Date())}`,
  ];
  if (options.title) infoEntries.unshift(`/Title ${pdfTextString(options.title)}`);

  // Each object is [header dictionary text, optional stream bytes].
  const objects: [string, Uint8Array?][] = [
    ['<< /Type /Catalog /Pages 2 0 R >>'],
    ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pdfNumber(W)} ${pdfNumber(H)}] /Resources << /XObject << /Im0 4 0 R >> /ProcSet [/PDF /ImageB /ImageC] >> /Contents 5 0 R >>`,
    ],
    [
      `<< /Type /XObject /Subtype /Image /Width ${info.width} /Height ${info.height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length ${options.jpeg.length} >>`,
      options.jpeg,
    ],
    [`<< /Length ${content.length} >>`, content],
    [`<< ${infoEntries.join(' ')} >>`],
  ];

  const chunks: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes);
    offset += bytes.length;
  };
  // The second line holds bytes above 127 so that transfer tools treat the file as binary.
  push(latin1('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'));
  const offsets: number[] = [];
  objects.forEach(([dict, stream], index) => {
    offsets.push(offset);
    push(latin1(`${index + 1} 0 obj\n${dict}\n`));
    if (stream) {
      push(latin1('stream\n'));
      push(stream);
      push(latin1('\nendstream\n'));
    }
    push(latin1('endobj\n'));
  });
  const xrefOffset = offset;
  // Every entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, space, LF.
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  push(latin1(xref));

  const out = new Uint8Array(offset);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
