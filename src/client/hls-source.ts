/**
 * The hls.js side of src/client/video-source.ts, in a module of its own so that it is downloaded with hls.js
 * when the learner presses play in a browser without its own HLS, and not with every lesson page.
 */
import type HlsType from 'hls.js';
// The light build: no subtitle/EME/alt-audio code (captions come from the <track> element).
// @ts-expect-error hls.js ships no separate type file for its light build; it has the same API.
import HlsLight from 'hls.js/light';
import type { VideoSource } from './video-source.ts';

export const Hls = HlsLight as typeof HlsType;

export function hlsSource(video: HTMLVideoElement, src: string, onFatal: (err: Error) => void): VideoSource {
  const hls = new Hls({ autoStartLoad: false, capLevelToPlayerSize: true, maxBufferLength: 30 });
  let mediaRecoveries = 0;
  let networkRetries = 0;
  let started = false;
  let destroyed = false;
  // The source is attached when the learner presses play, so start() usually comes before the master playlist
  // is parsed; hls.js would then forget the position and begin at 0. It is held here until the playlist is in.
  let parsed = false;
  let pendingStart: number | null = null;
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    parsed = true;
    if (pendingStart !== null && !destroyed) hls.startLoad(pendingStart);
    pendingStart = null;
  });
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries++ < 5) {
      // hls.js has already retried with back-off; the network may come back (a phone in a workshop)
      setTimeout(() => {
        if (destroyed) return;
        if (started && parsed) hls.startLoad();
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
      const at = position > 0 ? position : -1;
      if (parsed) hls.startLoad(at);
      else pendingStart = at;
    },
    destroy() {
      destroyed = true;
      hls.destroy();
    },
  };
}
