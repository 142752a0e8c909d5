/**
 * Connects an HLS master playlist to a <video>: hls.js over Media Source Extensions where the browser has
 * them (Chrome, Edge, Firefox, Android, desktop Safari, iOS 17.1+ with ManagedMediaSource), the browser's own
 * HLS otherwise (older iOS Safari). hls.js is imported on demand, so pages without a video never load it.
 *
 * Nothing is downloaded before the learner presses play except the playlists: `start(position)` begins
 * loading at the resume position.
 */
import type HlsType from 'hls.js';

export interface VideoSource {
  mode: 'hls.js' | 'native';
  /** begin loading and playing from `position` (seconds); later calls do nothing */
  start(position: number): void;
  destroy(): void;
}

export class VideoUnsupported extends Error {}

const hasMse = () => typeof window !== 'undefined' && ('MediaSource' in window || 'ManagedMediaSource' in window);

export async function attachSource(video: HTMLVideoElement, src: string, onFatal: (err: Error) => void): Promise<VideoSource> {
  if (hasMse()) {
    // The light build: no subtitle/EME/alt-audio code (captions come from the <track> element).
    // @ts-expect-error hls.js ships no separate type file for its light build; it has the same API.
    const { default: Hls } = (await import('hls.js/light')) as { default: typeof HlsType };
    if (Hls.isSupported()) return hlsSource(Hls, video, src, onFatal);
  }
  if (video.canPlayType('application/vnd.apple.mpegurl')) return nativeSource(video, src);
  throw new VideoUnsupported('this browser can play neither HLS nor MSE');
}

function hlsSource(Hls: typeof HlsType, video: HTMLVideoElement, src: string, onFatal: (err: Error) => void): VideoSource {
  const hls = new Hls({ autoStartLoad: false, capLevelToPlayerSize: true, maxBufferLength: 30 });
  let mediaRecoveries = 0;
  let networkRetries = 0;
  let started = false;
  let destroyed = false;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries++ < 5) {
      // hls.js has already retried with back-off; the network may come back (a phone in a workshop)
      setTimeout(() => {
        if (destroyed) return;
        if (started) hls.startLoad();
        else hls.loadSource(src);
      }, 3000 * networkRetries);
    } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 2) {
      hls.recoverMediaError();
    } else {
      onFatal(new Error(`hls.js: ${data.details}`));
    }
  });
  hls.on(Hls.Events.FRAG_LOADED, () => {
    networkRetries = 0;
  });
  hls.loadSource(src);
  hls.attachMedia(video);
  return {
    mode: 'hls.js',
    start(position) {
      if (started) return;
      started = true;
      hls.startLoad(position > 0 ? position : -1);
    },
    destroy() {
      destroyed = true;
      hls.destroy();
    },
  };
}

function nativeSource(video: HTMLVideoElement, src: string): VideoSource {
  video.src = src; // preload="none": nothing loads until play
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
      video.removeAttribute('src');
      video.load();
    },
  };
}
