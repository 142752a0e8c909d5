/**
 * Photos for case submissions, prepared in the browser: decoded (turned upright by its EXIF orientation),
 * drawn on a canvas at most 1600 px on the longer side and re-encoded as JPEG. A canvas keeps pixels only,
 * so the camera's EXIF block (time, GPS position, device) is gone; the server checks that it is.
 */
const MAX_SIDE = 1600;

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Re-encodes a picked image; steps the quality and size down until it fits maxBytes. */
export async function encodePhoto(file: File, maxBytes: number): Promise<{ mime: 'image/jpeg'; data: string; bytes: number }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  let side = MAX_SIDE;
  for (let attempt = 0; attempt < 6; attempt++) {
    const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff'; // transparent PNG areas become white, not black, in a JPEG
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', attempt < 3 ? 0.85 - attempt * 0.1 : 0.6),
    );
    if (blob && blob.size <= maxBytes) {
      bitmap.close();
      return { mime: 'image/jpeg', data: await blobToBase64(blob), bytes: blob.size };
    }
    if (attempt >= 2) side = Math.round(side * 0.75);
  }
  bitmap.close();
  throw new Error('too large');
}
