/**
 * The certificate's QR code, generated in the browser (uqr, no external service). One module matrix feeds
 * both the SVG on the page and the vector rectangles of the PDF, so they show the same code.
 */
import { encode } from 'uqr';

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** dark[row][column] */
  dark: boolean[][];
}

/** Quiet zone around the code, in modules (the QR standard asks for 4). */
export const QR_QUIET = 4;

export function qrMatrix(text: string): QrMatrix {
  const qr = encode(text, { ecc: 'M', border: 0 });
  return { size: qr.size, dark: qr.data };
}

/** Horizontal runs of dark modules: [row, startColumn, length]; fewer shapes than one per module. */
export function qrRuns(m: QrMatrix): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let y = 0; y < m.size; y++) {
    let x = 0;
    while (x < m.size) {
      if (!m.dark[y][x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < m.size && m.dark[y][x]) x++;
      runs.push([y, start, x - start]);
    }
  }
  return runs;
}

/** SVG path data in module units, offset by the quiet zone (viewBox 0 0 size+8 size+8). */
export function qrSvgPath(m: QrMatrix): string {
  return qrRuns(m)
    .map(([y, x, w]) => `M${x + QR_QUIET} ${y + QR_QUIET}h${w}v1h${-w}z`)
    .join('');
}
