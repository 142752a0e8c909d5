/**
 * Server-side check of case photos. The browser re-encodes every photo through a canvas (which drops
 * EXIF, GPS and XMP); the server does not trust that and refuses any JPEG or PNG that still carries
 * metadata blocks that can hold a location, so a photo that skipped the browser step cannot leak one.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (padding optional) to bytes; null when it is not base64. Works without atob (PocketBase's VM). */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code] : -1;
    if (v < 0) return null;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

export type PhotoCheck = { ok: true; mime: 'image/jpeg' | 'image/png' } | { ok: false; message: string };

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

/** JPEG: walks the segments up to the image data; APP1 (EXIF, XMP), APP13 (IPTC/Photoshop) are refused. */
function checkJpeg(b: Uint8Array): string | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return '照片文件已损坏（JPEG 段结构不对）';
    const marker = b[i + 1];
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image, or start of scan: no more metadata segments
    const size = (b[i + 2] << 8) | b[i + 3];
    if (size < 2) return '照片文件已损坏（JPEG 段长度不对）';
    if (marker === 0xe1 || marker === 0xed) return '照片仍带有拍摄信息（EXIF/XMP/IPTC，可能含位置），请通过页面上传（页面会自动去除）';
    i += 2 + size;
  }
  return '照片文件不完整';
}

/** PNG: walks the chunks; eXIf and text chunks (which can hold XMP with a location) are refused. */
function checkPng(b: Uint8Array): string | null {
  let i = 8;
  while (i + 8 <= b.length) {
    const length = ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
    const type = ascii(b, i + 4, 4);
    if (type === 'eXIf' || type === 'tEXt' || type === 'iTXt' || type === 'zTXt')
      return '照片仍带有附加信息（EXIF 或文本块，可能含位置），请通过页面上传（页面会自动去除）';
    if (type === 'IEND') return null;
    i += 12 + length;
  }
  return '照片文件不完整';
}

export function checkPhoto(base64: string, declared: string, maxBytes: number): PhotoCheck {
  const bytes = decodeBase64(base64);
  if (!bytes || bytes.length < 16) return { ok: false, message: '照片数据无法读取' };
  if (bytes.length > maxBytes)
    return { ok: false, message: `照片太大（${Math.ceil(bytes.length / 1024)} KB，最大 ${Math.floor(maxBytes / 1024)} KB）` };
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng = bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG';
  if (!isJpeg && !isPng) return { ok: false, message: '只能上传 JPEG 或 PNG 照片' };
  const mime = isJpeg ? 'image/jpeg' : 'image/png';
  if (declared && declared !== mime) return { ok: false, message: '照片格式与声明的类型不符' };
  const problem = isJpeg ? checkJpeg(bytes) : checkPng(bytes);
  return problem ? { ok: false, message: problem } : { ok: true, mime };
}
