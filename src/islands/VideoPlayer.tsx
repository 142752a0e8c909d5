import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatClock, keyAction, PLAYBACK_RATES, stepRate } from '../lib/video-tracking.ts';
import { VideoProgress, type ProgressView } from '../client/video-progress.ts';
import { attachSource, sourceKind, VideoUnsupported, type VideoSource } from '../client/video-source.ts';

interface Props {
  lessonId: string;
  src: string;
  captions?: string;
  poster?: string;
  duration: number;
  threshold: number;
}
/**
 * idle: the poster and our play button, nothing of the video or of hls.js downloaded yet; loading: pressed,
 * hls.js on its way; ready: the <video> has its source; error: hls.js could not be downloaded or the video
 * failed (one message for both: either way the learner checks the network and retries).
 */
type Phase = 'idle' | 'loading' | 'ready' | 'unsupported' | 'error';

const RATE_KEY = 'qa.video.rate';
const rateLabel = (r: number) => (r === 1 ? t('video.rateNormal') : t('video.rate', { rate: r }));

function storedRate(): number {
  try {
    const r = Number(localStorage.getItem(RATE_KEY));
    return (PLAYBACK_RATES as readonly number[]).includes(r) ? r : 1;
  } catch {
    return 1;
  }
}

function setCaptionsMode(video: HTMLVideoElement, on: boolean) {
  for (const track of Array.from(video.textTracks)) {
    if (track.kind === 'captions' || track.kind === 'subtitles') track.mode = on ? 'showing' : 'hidden';
  }
}

/**
 * The lesson video: HLS (the browser's own or hls.js), Chinese captions on by default, speed, keyboard
 * controls, resume on any device, and watched-interval progress reported in batches (src/client/video-progress.ts).
 *
 * Until the learner presses play the page shows only the poster (an <img>, the page's largest paint) in a
 * box of the video's final size, with one big play button over it: no playlist, no segment and no hls.js is
 * downloaded for a lesson that is only read (docs/performance.md).
 */
export default function VideoPlayer(props: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const sourceRef = useRef<VideoSource | null>(null);
  const resumeRef = useRef(0);
  const startedRef = useRef(false);
  const captionsRef = useRef(true);
  const [phase, go] = useState<Phase>('idle');
  const attemptRef = useRef(0);
  const [view, setView] = useState<ProgressView | null>(null);
  const [resume, setResume] = useState(0);
  const [rate, setRate] = useState(1);
  const [captions, setCaptions] = useState(true);

  useEffect(() => {
    const video = videoRef.current!;
    let cancelled = false;
    const progress = new VideoProgress({ lessonId: props.lessonId, duration: props.duration, onChange: (v) => !cancelled && setView(v) });
    setView(progress.view);
    const detach = progress.attach(video);

    const initialRate = storedRate();
    video.defaultPlaybackRate = initialRate;
    video.playbackRate = initialRate;
    setRate(initialRate);
    // captions on by default (the <track default> attribute alone is not honoured everywhere)
    setCaptionsMode(video, true);
    const onAddTrack = () => setCaptionsMode(video, captionsRef.current);
    video.textTracks.addEventListener?.('addtrack', onAddTrack);
    // the browser's own captions menu: keep the button in step
    const onTrackChange = () => {
      const on = Array.from(video.textTracks).some((tr) => tr.mode === 'showing');
      captionsRef.current = on;
      setCaptions(on);
    };
    video.textTracks.addEventListener?.('change', onTrackChange);

    void progress.load().then((position) => {
      if (cancelled) return;
      // pressed before the saved position was known: it applies from here on, if playback has not begun
      if (!startedRef.current) {
        resumeRef.current = position;
        setResume(position);
      }
    });

    const onPlay = () => start();
    const onRate = () => {
      setRate(video.playbackRate);
      video.defaultPlaybackRate = video.playbackRate; // a new source (or hls.js recovering) keeps the speed
    };
    video.addEventListener('play', onPlay);
    video.addEventListener('ratechange', onRate);
    return () => {
      cancelled = true;
      attemptRef.current++; // a source still on its way is destroyed when it arrives
      video.removeEventListener('play', onPlay);
      video.removeEventListener('ratechange', onRate);
      video.textTracks.removeEventListener?.('addtrack', onAddTrack);
      video.textTracks.removeEventListener?.('change', onTrackChange);
      detach();
      sourceRef.current?.destroy();
      sourceRef.current = null;
    };
  }, []);

  function start() {
    if (startedRef.current || !sourceRef.current) return;
    startedRef.current = true;
    sourceRef.current.start(resumeRef.current);
    setResume(0);
  }

  /**
   * The learner asks for the video (our play button, or the play key on the player): attach the source, the
   * browser's own HLS at once or hls.js once downloaded, and play, in one press.
   */
  function activate() {
    const video = videoRef.current!;
    if (phase === 'loading') return;
    if (sourceRef.current) {
      // a failed source: keep the position, start again from it
      if (startedRef.current) resumeRef.current = video.currentTime;
      sourceRef.current.destroy();
      sourceRef.current = null;
      startedRef.current = false;
    }
    const kind = sourceKind(video);
    if (!kind) return go('unsupported');
    const attempt = ++attemptRef.current;
    go(kind === 'native' ? 'ready' : 'loading');
    const attached = attachSource(video, props.src, () => attempt === attemptRef.current && go('error'), kind);
    // the native source is set by now: play inside the press (iOS lets a video start with sound only here)
    if (kind === 'native') void video.play().catch(() => undefined);
    attached.then(
      (source) => {
        if (attempt !== attemptRef.current) return source.destroy();
        sourceRef.current = source;
        go('ready');
        if (kind === 'hls.js') void video.play().catch(() => undefined); // refused: the video's own controls remain
        if (!video.paused) start();
      },
      (err) => {
        if (attempt !== attemptRef.current) return;
        go(err instanceof VideoUnsupported ? 'unsupported' : 'error');
      },
    );
  }

  function changeRate(next: number) {
    const video = videoRef.current!;
    video.defaultPlaybackRate = next;
    video.playbackRate = next;
    setRate(next);
    try {
      localStorage.setItem(RATE_KEY, String(next));
    } catch {
      /* not remembered: fine */
    }
  }

  function toggleCaptions(on = !captionsRef.current) {
    const video = videoRef.current!;
    setCaptionsMode(video, on);
    setCaptions(on);
    captionsRef.current = on;
  }

  function restart() {
    resumeRef.current = 0;
    setResume(0);
    const video = videoRef.current!;
    if (startedRef.current) video.currentTime = 0;
  }

  function onKeyDown(event: JSX.TargetedKeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    // keys typed into the speed list or on a button belong to them
    if (target !== event.currentTarget && target.tagName !== 'VIDEO') return;
    const action = keyAction(event.key);
    if (!action) return;
    event.preventDefault();
    const video = videoRef.current!;
    switch (action.type) {
      case 'toggle':
        if (phase !== 'ready') activate();
        else if (video.paused || video.ended) void video.play().catch(() => undefined);
        else video.pause();
        break;
      case 'seek': {
        const end = Number.isFinite(video.duration) ? video.duration : props.duration;
        if (startedRef.current) video.currentTime = Math.max(0, Math.min(end, video.currentTime + action.by));
        else {
          resumeRef.current = Math.max(0, Math.min(end - 1, resumeRef.current + action.by));
          setResume(resumeRef.current);
        }
        break;
      }
      case 'rate':
        changeRate(stepRate(video.playbackRate, action.direction));
        break;
      case 'captions':
        toggleCaptions();
        break;
      case 'mute':
        video.muted = !video.muted;
        break;
      case 'fullscreen': {
        const v = video as HTMLVideoElement & { webkitEnterFullscreen?: () => void };
        if (document.fullscreenElement) void document.exitFullscreen();
        else if (v.requestFullscreen) void v.requestFullscreen().catch(() => undefined);
        else v.webkitEnterFullscreen?.();
        break;
      }
    }
  }

  const percent = view?.fraction != null ? Math.floor(view.fraction * 100) : null;
  const thresholdPercent = Math.round(props.threshold * 100);
  const selectRate = (PLAYBACK_RATES as readonly number[]).includes(rate) ? rate : 1;
  const active = phase === 'ready';
  const failed = phase === 'error';

  return (
    <div class="video-player" data-testid="video-player" role="region" aria-label={t('video.player')} tabIndex={0} onKeyDown={onKeyDown}>
      <div class="video-frame">
        <video
          ref={videoRef}
          controls={active}
          playsInline
          preload="none"
          poster={active ? props.poster : undefined}
          // hidden (and so out of the tab order and the accessibility tree) until it has a source
          class={active ? undefined : 'video-idle'}
        >
          {props.captions && <track kind="captions" srcLang="zh-CN" label={t('video.captionsLabel')} src={props.captions} default />}
        </video>
        {!active && props.poster && (
          // the page's largest paint on a phone: never lazy, fetched early
          <img class="video-poster" src={props.poster} alt="" width={640} height={360} fetchpriority="high" />
        )}
        {!active && phase !== 'unsupported' && (
          <button type="button" class="video-start" onClick={() => activate()}>
            {/* a play triangle, or a spinner while hls.js downloads: drawn in CSS */}
            <span class={phase === 'loading' ? 'video-start-icon busy' : 'video-start-icon'} aria-hidden="true" />
            {/* aria-live: "正在准备视频…" is announced while hls.js downloads */}
            <span class="video-start-label" aria-live="polite">
              {phase === 'loading' ? t('video.preparing') : failed ? t('video.retry') : t('video.play')}
              {phase === 'idle' && <span class="video-start-time">{t('video.length', { time: formatClock(props.duration) })}</span>}
            </span>
          </button>
        )}
      </div>
      <div class="video-controls no-print">
        <label>
          {t('video.speed')}
          <select
            value={String(selectRate)}
            onChange={(e) => changeRate(Number((e.target as HTMLSelectElement).value))}
            data-testid="video-speed"
          >
            {PLAYBACK_RATES.map((r) => (
              <option value={String(r)}>{rateLabel(r)}</option>
            ))}
          </select>
        </label>
        {props.captions && (
          <button type="button" class="btn secondary small" aria-pressed={captions} onClick={() => toggleCaptions()}>
            {captions ? t('video.captionsOn') : t('video.captionsOff')}
          </button>
        )}
        {view?.signedIn && percent !== null && (
          <strong data-testid="video-watched" role="status" aria-live="polite">
            {t('video.watched', { n: percent })}
          </strong>
        )}
      </div>
      {phase === 'unsupported' && (
        <p class="notice warn" role="alert">
          {t('video.unsupported')}
        </p>
      )}
      {failed && (
        <p class="notice bad" role="alert" data-testid="video-error">
          {t('video.error')}{' '}
          <button type="button" class="btn secondary small" onClick={() => activate()}>
            {t('video.retry')}
          </button>
        </p>
      )}
      {resume > 0 && (
        <p class="notice" data-testid="video-resume">
          {t('video.resume', { time: formatClock(resume) })}{' '}
          <button type="button" class="btn secondary small" onClick={restart}>
            {t('video.restart')}
          </button>
        </p>
      )}
      {view && !view.signedIn && (
        <p class="notice">
          {t('video.loginToTrack')}{' '}
          <a href={`${routes.login()}?next=${encodeURIComponent(typeof location === 'undefined' ? '' : location.pathname)}`}>
            {t('nav.login')}
          </a>
        </p>
      )}
      {view?.signedIn &&
        (view.done ? (
          <p class="notice ok" data-testid="video-done">
            {t('video.done')}
          </p>
        ) : (
          <p class="meta">{t('video.threshold', { n: thresholdPercent })}</p>
        ))}
      {view?.queued && <p class="notice warn">{t('video.queued')}</p>}
      {view?.error && (
        <p class="notice bad" role="alert">
          {view.error}
        </p>
      )}
      {view?.certificate && (
        <p class="notice ok">
          {t('course.complete')} <a href={routes.certificate(view.certificate)}>{t('course.viewCertificate')}</a>
        </p>
      )}
      <p class="meta video-keys">{t('video.keys')}</p>
    </div>
  );
}
