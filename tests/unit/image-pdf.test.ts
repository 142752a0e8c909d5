import { describe, expect, it } from 'vitest';
import { A4_POINTS, imagePdf, jpegInfo, pdfNumber, pdfTextString } from '../../src/lib/pdf/image-pdf.ts';
import { breakUnits, fitFontSize, wrapText } from '../../src/lib/pdf/text-layout.ts';

/** A JPEG's markers without real scan data: enough for the writer, which embeds the bytes as they are. */
function fakeJpeg(width: number, height: number, components = 3, marker = 0xc0): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
  const sofLength = 8 + 3 * components;
  const sof = [0xff, marker, sofLength >> 8, sofLength & 0xff, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, components];
  for (let c = 0; c < components; c++) sof.push(c + 1, 0x11, 0);
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xda, 0x00, 0x02, 0x12, 0x34, 0xff, 0x00, 0xff, 0xd9]);
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/** Parses the cross-reference table and checks every offset points at its object. */
function checkXref(text: string) {
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!;
  expect(first).toBe('0');
  const tableStart = startxref + text.slice(startxref).indexOf('\n', 5) + 1;
  const entries = text.slice(tableStart, tableStart + Number(count) * 20);
  expect(entries.slice(0, 20)).toBe('0000000000 65535 f \n');
  for (let n = 1; n < Number(count); n++) {
    const entry = entries.slice(n * 20, n * 20 + 20);
    expect(entry).toMatch(/^\d{10} 00000 n \n$/);
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${n} 0 obj`.length)).toBe(`${n} 0 obj`);
  }
  expect(entries.length).toBe(Number(count) * 20);
  expect(text.slice(tableStart + Number(count) * 20)).toMatch(new RegExp(`^trailer\\n<< /Size ${count} /Root 1 0 R /Info \\d+ 0 R >>`));
  return Number(count);
}

describe('one-page A4 PDF around a JPEG', () => {
  const jpeg = fakeJpeg(1654, 2339);
  const pdf = imagePdf({ jpeg, title: '结业证书 QA26-ABCD-EFGH-2 𠮷田花子', date: new Date('2026-11-28T01:02:03Z') });
  const text = latin1(pdf);

  it('starts with a PDF header and a binary comment line, and ends with %%EOF', () => {
    expect(text.startsWith('%PDF-1.4\n%')).toBe(true);
    expect(Array.from(pdf.slice(10, 14)).every((b) => b > 127)).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('has a cross-reference table whose offsets point at each object', () => {
    expect(checkXref(text)).toBe(7);
  });

  it('has exactly one A4 page (595.28 × 841.89 pt) with the image over the whole page', () => {
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    expect(text).toContain('/Type /Pages /Kids [3 0 R] /Count 1');
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(A4_POINTS).toEqual({ width: 595.28, height: 841.89 });
    expect(text).toContain('q 595.28 0 0 841.89 0 0 cm /Im0 Do Q');
  });

  it('embeds the JPEG bytes unchanged as a DCTDecode image with its size', () => {
    expect(text).toContain('/Subtype /Image /Width 1654 /Height 2339 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode');
    expect(text).toContain(`/Length ${jpeg.length} >>\nstream\n${latin1(jpeg)}\nendstream`);
  });

  it('declares stream lengths that match the stream bytes', () => {
    for (const m of text.matchAll(/<< ([^\n]*?)\/Length (\d+) >>\nstream\n/g)) {
      const start = m.index! + m[0].length;
      expect(text.slice(start + Number(m[2]), start + Number(m[2]) + 10)).toBe('\nendstream');
    }
  });

  it('writes the title as UTF-16BE, a rare name character as one surrogate pair', () => {
    expect(pdfTextString('𠮷')).toBe('<FEFFD842DFB7>');
    expect(text).toContain(`/Title ${pdfTextString('结业证书 QA26-ABCD-EFGH-2 𠮷田花子')}`);
    expect(text).toContain('/CreationDate (D:20261128010203Z)');
  });

  it('paints rectangles from the top-left as vectors over the image (the QR code)', () => {
    const withRects = latin1(
      imagePdf({
        jpeg,
        rects: [
          { x: 10, y: 20, width: 5, height: 2.5 },
          { x: 0, y: 0, width: 1, height: 1 },
        ],
      }),
    );
    expect(withRects).toContain('0 g\n10 819.39 5 2.5 re\n0 840.89 1 1 re\nf\n');
    checkXref(withRects);
  });

  it('accepts greyscale and progressive JPEGs, refuses CMYK and non-JPEG data', () => {
    expect(latin1(imagePdf({ jpeg: fakeJpeg(10, 20, 1) }))).toContain('/ColorSpace /DeviceGray');
    expect(jpegInfo(fakeJpeg(300, 200, 3, 0xc2))).toEqual({ width: 300, height: 200, components: 3 });
    expect(() => imagePdf({ jpeg: fakeJpeg(10, 10, 4) })).toThrow(/colour components/);
    expect(() => imagePdf({ jpeg: new TextEncoder().encode('%PDF not a jpeg') })).toThrow(/not a JPEG/);
    expect(() => jpegInfo(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toThrow(/no frame header/);
  });

  it('writes numbers the way PDF reads them', () => {
    expect(pdfNumber(595.2756)).toBe('595.28');
    expect(pdfNumber(12)).toBe('12');
    expect(pdfNumber(0.5)).toBe('0.5');
    expect(pdfNumber(-0.001)).toBe('0');
    expect(() => pdfNumber(Number.NaN)).toThrow();
  });
});

describe('certificate text layout by whole code points', () => {
  // Every code point is 1 unit wide: a measure that counts UTF-16 units would make 𠮷 two wide.
  const measure = (s: string) => Array.from(s).length;

  it('never splits a supplementary-plane character', () => {
    const lines = wrapText('𠮷田花子𠮷田花子𠮷', 4, measure);
    expect(lines).toEqual(['𠮷田花子', '𠮷田花子', '𠮷']);
    for (const line of lines) expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('keeps Latin words and numbers together and punctuation off the start of a line', () => {
    expect(breakUnits('学习ISO 9001。')).toEqual(['学', '习', 'ISO', ' ', '9001。']);
    expect(wrapText('小作坊的ISO 9001入门', 6, measure)).toEqual(['小作坊的', 'ISO', '9001入门']);
    expect(wrapText('一二三，四五', 3, measure)).toEqual(['一二', '三，四', '五']);
    expect(wrapText('一二《三四》', 3, measure)).toEqual(['一二', '《三', '四》']);
  });

  it('splits a word wider than the line', () => {
    expect(wrapText('ABCDEFGH', 3, measure)).toEqual(['ABC', 'DEF', 'GH']);
    expect(wrapText('', 3, measure)).toEqual(['']);
  });

  it('shrinks the font until the text fits, down to a minimum', () => {
    const at = (size: number, s: string) => size * Array.from(s).length;
    expect(fitFontSize('𠮷田花子', 100, 15, 5, at)).toBe(15);
    expect(fitFontSize('𠮷田花子'.repeat(2), 100, 15, 5, at)).toBeLessThanOrEqual(12);
    expect(fitFontSize('𠮷'.repeat(40), 100, 15, 5, at)).toBe(5);
  });
});
