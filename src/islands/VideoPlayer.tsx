import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatClock, keyAction, PLAYBACK_RATES, stepRate } from '../lib/video-tracking.ts';
import { VideoProgress, type ProgressView } from '../client/video-progress.ts';
import { attachSource, VideoUnsupported, type VideoSource } from '../client/video-source.ts';

interface Props {
  lessonId: string;
  src: string;
  captions?: string;
  poster?: string;
  duration: number;
  threshold: number;
}
type Phase = 'loading' | 'ready' | 'unsupported' | 'error';

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
 * The lesson video: HLS (hls.js or the browser's own), Chinese captions on by default, speed, keyboard
 * controls, resume on any device, and watched-interval progress reported in batches (src/client/video-progress.ts).
 */
export default function VideoPlayer(props: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const sourceRef = useRef<VideoSource | null>(null);
  const resumeRef = useRef(0);
  const startedRef = useRef(false);
  const captionsRef = useRef(true);
  const [phase, setPhase] = useState<Phase>('loading');
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

    const ready = Promise.all([progress.load(), attachSource(video, props.src, () => !cancelled && setPhase('error'))]).then(
      ([position, source]) => {
        if (cancelled) {
          source.destroy();
          return;
        }
        sourceRef.current = source;
        resumeRef.current = position;
        setResume(position);
        setPhase('ready');
        if (!video.paused) start();
      },
    );
    ready.catch((err) => !cancelled && setPhase(err instanceof VideoUnsupported ? 'unsupported' : 'error'));

    function start() {
      if (startedRef.current || !sourceRef.current) return;
      startedRef.current = true;
      sourceRef.current.start(resumeRef.current);
      setResume(0);
    }
    const onPlay = () => start();
    const onRate = () => {
      setRate(video.playbackRate);
      video.defaultPlaybackRate = video.playbackRate; // a new source (or hls.js recovering) keeps the speed
    };
    video.addEventListener('play', onPlay);
    video.addEventListener('ratechange', onRate);
    return () => {
      cancelled = true;
      video.removeEventListener('play', onPlay);
      video.removeEventListener('ratechange', onRate);
      video.textTracks.removeEventListener?.('addtrack', onAddTrack);
      video.textTracks.removeEventListener?.('change', onTrackChange);
      detach();
      sourceRef.current?.destroy();
      sourceRef.current = null;
    };
  }, []);

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
        if (video.paused || video.ended) void video.play().catch(() => undefined);
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

  return (
    <div
      class="video-player"
      data-testid="video-player"
      role="region"
      aria-label={t('video.player')}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ display: 'grid', gap: '0.5rem', outlineOffset: '4px' }}
    >
      <video
        ref={videoRef}
        controls
        playsInline
        preload="none"
        poster={props.poster}
        style={{ width: '100%', aspectRatio: '16 / 9', background: '#000', borderRadius: 'var(--radius)' }}
      >
        {props.captions && <track kind="captions" srcLang="zh-CN" label={t('video.captionsLabel')} src={props.captions} default />}
      </video>
      <div class="video-controls no-print" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.5rem 1rem' }}>
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: '0.4rem', fontWeight: 400, whiteSpace: 'nowrap' }}>
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
      {phase === 'loading' && (
        <p class="meta" style={{ margin: 0 }}>
          {t('video.loading')}
        </p>
      )}
      {phase === 'unsupported' && (
        <p class="notice warn" role="alert">
          {t('video.unsupported')}
        </p>
      )}
      {phase === 'error' && (
        <p class="notice bad" role="alert">
          {t('video.error')}
        </p>
      )}
      {resume > 0 && (
        <p class="notice" data-testid="video-resume" style={{ margin: 0 }}>
          {t('video.resume', { time: formatClock(resume) })}{' '}
          <button type="button" class="btn secondary small" onClick={restart}>
            {t('video.restart')}
          </button>
        </p>
      )}
      {view && !view.signedIn && (
        <p class="notice" style={{ margin: 0 }}>
          {t('video.loginToTrack')}{' '}
          <a href={`${routes.login()}?next=${encodeURIComponent(typeof location === 'undefined' ? '' : location.pathname)}`}>
            {t('nav.login')}
          </a>
        </p>
      )}
      {view?.signedIn &&
        (view.done ? (
          <p class="notice ok" data-testid="video-done" style={{ margin: 0 }}>
            {t('video.done')}
          </p>
        ) : (
          <p class="meta" style={{ margin: 0 }}>
            {t('video.threshold', { n: thresholdPercent })}
          </p>
        ))}
      {view?.queued && (
        <p class="notice warn" style={{ margin: 0 }}>
          {t('video.queued')}
        </p>
      )}
      {view?.error && (
        <p class="notice bad" role="alert" style={{ margin: 0 }}>
          {view.error}
        </p>
      )}
      {view?.certificate && (
        <p class="notice ok" style={{ margin: 0 }}>
          {t('course.complete')} <a href={routes.certificate(view.certificate)}>{t('course.viewCertificate')}</a>
        </p>
      )}
      <p class="meta video-keys" style={{ margin: 0 }}>
        {t('video.keys')}
      </p>
    </div>
  );
}
