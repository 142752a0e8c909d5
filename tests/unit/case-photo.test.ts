import { describe, expect, it } from 'vitest';
import { checkPhoto, decodeBase64 } from '../../src/lib/cases/photo.ts';
import { CLEAN_JPEG, jpegWithExif } from '../integration/programme-support.ts';

const png = (chunks: [string, number[]][]) => {
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const [type, data] of chunks) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    parts.push(len, Buffer.from(type, 'ascii'), Buffer.from(data), Buffer.alloc(4));
  }
  return Buffer.concat(parts).toString('base64');
};

describe('case photos', () => {
  it('decodes base64 like Node does', () => {
    const bytes = Buffer.from('质量学堂 photo bytes \u0000\u00ff');
    expect(Buffer.from(decodeBase64(bytes.toString('base64'))!)).toEqual(bytes);
    expect(decodeBase64('@@@@')).toBeNull();
  });
  it('accepts a canvas-encoded JPEG and PNG', () => {
    expect(checkPhoto(CLEAN_JPEG, 'image/jpeg', 600_000)).toEqual({ ok: true, mime: 'image/jpeg' });
    expect(
      checkPhoto(
        png([
          ['IHDR', new Array(13).fill(0)],
          ['IDAT', [1, 2, 3]],
          ['IEND', []],
        ]),
        'image/png',
        600_000,
      ),
    ).toEqual({ ok: true, mime: 'image/png' });
  });
  it('refuses EXIF in JPEG, eXIf and text chunks in PNG, other formats and oversized files', () => {
    expect(checkPhoto(jpegWithExif(), 'image/jpeg', 600_000)).toMatchObject({ ok: false, message: expect.stringContaining('EXIF') });
    expect(
      checkPhoto(
        png([
          ['IHDR', new Array(13).fill(0)],
          ['eXIf', [1, 2]],
          ['IEND', []],
        ]),
        'image/png',
        600_000,
      ).ok,
    ).toBe(false);
    expect(
      checkPhoto(
        png([
          ['IHDR', new Array(13).fill(0)],
          ['iTXt', [1, 2]],
          ['IEND', []],
        ]),
        'image/png',
        600_000,
      ).ok,
    ).toBe(false);
    expect(checkPhoto(Buffer.from('GIF89a-not-a-photo-at-all').toString('base64'), '', 600_000)).toMatchObject({
      ok: false,
      message: expect.stringContaining('JPEG 或 PNG'),
    });
    expect(checkPhoto(CLEAN_JPEG, 'image/jpeg', 100).ok).toBe(false);
    expect(checkPhoto(CLEAN_JPEG, 'image/png', 600_000).ok).toBe(false);
  });
});
