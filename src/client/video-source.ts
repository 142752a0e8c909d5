/**
 * Connects an HLS master playlist to a <video> when the learner presses play, never before: the browser's own
 * HLS where `canPlayType` says it has one (Safari, iOS, Android and desktop Chrome), hls.js over Media Source
 * Extensions otherwise (Firefox, older Chromium-based browsers and WebViews). hls.js (about 110 KB gzip) is
 * imported on demand, so a lesson page downloads none of it until the learner asks for the video, and a phone
 * that plays HLS itself never downloads it at all.
 *
 * `start(position)` begins loading at the resume position.
 */
export type SourceKind = 'native' | 'hls.js';

export interface VideoSource {
  mode: SourceKind;
  /** begin loading and playing from `position` (seconds); later calls do nothing */
  start(position: number): void;
  destroy(): void;
}

export class VideoUnsupported extends Error {}

const hasMse = () => typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);

/** How this browser will play HLS, decided without downloading anything; null: it cannot. */
export function sourceKind(video: HTMLVideoElement): SourceKind | null {
  if (video.canPlayType('application/vnd.apple.mpegurl')) return 'native';
  if (hasMse()) return 'hls.js';
  return null;
}

type HlsModule = typeof import('./hls-source.ts');
let hlsModule: Promise<HlsModule> | null = null;

/** hls.js and its glue, downloaded once; a failed download is forgotten so that a retry downloads it again. */
function loadHls(): Promise<HlsModule> {
  hlsModule ??= import('./hls-source.ts').catch((err: unknown) => {
    hlsModule = null;
    throw err;
  });
  return hlsModule;
}

/**
 * For the native kind the source is set before this returns (synchronously), so that the caller may call
 * `video.play()` in the same click handler: Safari on iOS lets a video start with sound only there.
 */
export async function attachSource(
  video: HTMLVideoElement,
  src: string,
  onFatal: (err: Error) => void,
  kind: SourceKind | null = sourceKind(video),
): Promise<VideoSource> {
  if (kind === 'native') return nativeSource(video, src, onFatal);
  if (kind === 'hls.js') {
    const { Hls, hlsSource } = await loadHls();
    if (Hls.isSupported()) return hlsSource(video, src, onFatal);
  }
  throw new VideoUnsupported('this browser can play neither HLS nor MSE');
}

function nativeSource(video: HTMLVideoElement, src: string, onFatal: (err: Error) => void): VideoSource {
  // A failed playlist or segment: the browser has given up (it retries on its own before that).
  const onError = () => {
    const error = video.error;
    if (error && error.code !== MediaError.MEDIA_ERR_ABORTED) onFatal(new Error(`native HLS: ${error.code} ${error.message}`));
  };
  video.addEventListener('error', onError);
  video.src = src;
  let started = false;
  return {
    mode: 'native',
    start(position) {
      if (started) return;
      started = true;
      if (position <= 0) return;
      const seek = () => {
        if (video.currentTime < 1) video.currentTime = position;
      };
      if (video.readyState >= HTMLMediaElement.HAVE_METADATA) seek();
      else video.addEventListener('loadedmetadata', seek, { once: true });
    },
    destroy() {
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    },
  };
}
