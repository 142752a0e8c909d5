/**
 * Video progress in the browser: listens to the <video>, records watched intervals (src/lib/video-tracking.ts),
 * remembers the position on this device, and reports to POST /api/qa/video-progress through the offline
 * outbox in batches: every ~15 s of playback and on pause, end and page hide.
 *
 * Every report carries all intervals the server has not confirmed yet, under the coalesce id
 * `video:<lessonId>`, so a newer report may replace a queued older one without losing seconds.
 */
import type { Interval } from '../lib/intervals.ts';
import { resumePosition, shouldReport, WatchTracker, type ReportReason } from '../lib/video-tracking.ts';
import { currentUser, newKey, type ApiFailure } from './api.ts';
import { OUTBOX_EVENT, send, startOutbox, type Delivered } from './outbox.ts';
import { courseStore } from './lesson-store.ts';
import type { QaRoutes } from '../server/api-contract.ts';
import { roundHalfUp } from '../lib/rounding.ts';

export type VideoReportResponse = QaRoutes['POST video-progress'];

/** what the player shows */
export interface ProgressView {
  signedIn: boolean;
  /** the server's watched fraction, 0..1; null until known */
  fraction: number | null;
  done: boolean;
  /** a report is waiting in the outbox (offline) */
  queued: boolean;
  /** the course was completed by this report: its certificate code */
  certificate: string | null;
  error: string;
}

interface LocalState {
  position: number;
  unsent: Interval[];
  pending: boolean;
  savedAt: number;
}

const MAX_INTERVALS = 500; // the server's limit per report
const round = (x: number) => roundHalfUp(x, 2);

export interface VideoProgressOptions {
  lessonId: string;
  duration: number;
  onChange: (view: ProgressView) => void;
}

export class VideoProgress {
  readonly tracker = new WatchTracker();
  view: ProgressView;
  #lessonId: string;
  #courseId: string;
  #slug: string;
  #duration: number;
  #onChange: (view: ProgressView) => void;
  #userId: string | null;
  #video: HTMLVideoElement | null = null;
  /** the position the server last confirmed */
  #confirmedPosition: number | null = null;
  #reportedPosition: number | null = null;
  #inFlight = new Map<string, Interval[]>();
  #lastLocalSave = 0;
  #detach: (() => void) | null = null;

  constructor(options: VideoProgressOptions) {
    this.#lessonId = options.lessonId;
    [this.#courseId, this.#slug] = options.lessonId.split('/');
    this.#duration = options.duration;
    this.#onChange = options.onChange;
    this.#userId = currentUser()?.id ?? null;
    this.view = { signedIn: this.#userId !== null, fraction: null, done: false, queued: false, certificate: null, error: '' };
  }

  get #storageKey() {
    return `qa.video.v1:${this.#userId ?? 'guest'}:${this.#lessonId}`;
  }

  #loadLocal(): LocalState | null {
    try {
      const raw = JSON.parse(localStorage.getItem(this.#storageKey) ?? 'null') as Partial<LocalState> | null;
      if (!raw || typeof raw.position !== 'number') return null;
      const unsent = Array.isArray(raw.unsent)
        ? raw.unsent.filter((iv): iv is Interval => Array.isArray(iv) && iv.length === 2 && iv.every(Number.isFinite))
        : [];
      return { position: raw.position, unsent, pending: raw.pending === true, savedAt: Number(raw.savedAt) || 0 };
    } catch {
      return null;
    }
  }

  #saveLocal(position = this.#position()) {
    const unsent = this.view.signedIn ? this.tracker.unsent() : [];
    const pending =
      unsent.length > 0 || (this.#confirmedPosition !== null ? Math.abs(position - this.#confirmedPosition) >= 1 : position > 0);
    const state: LocalState = { position: round(position), unsent, pending, savedAt: Date.now() };
    try {
      localStorage.setItem(this.#storageKey, JSON.stringify(state));
    } catch {
      /* private mode or storage full: the server still has the last report */
    }
    this.#lastLocalSave = Date.now();
  }

  #position(): number {
    const video = this.#video;
    if (!video) return 0;
    return video.ended ? this.#duration : Math.min(video.currentTime || 0, this.#duration);
  }

  #emit(patch: Partial<ProgressView>) {
    this.view = { ...this.view, ...patch };
    this.#onChange(this.view);
  }

  #apply(response: VideoReportResponse) {
    // the rest of the page (the "学完了" button, the outline's ticks) learns it from the shared store
    const store = courseStore(this.#courseId);
    store.updateLesson(this.#slug, { videoDone: response.videoDone, videoFraction: response.watchedFraction });
    // a report that does not finish the video answers without the completion part (src/server/learning.ts)
    const completion = 'completion' in response && response.newlyCompleted ? response.completion : null;
    if (completion) store.setCompletion(completion);
    this.#emit({
      fraction: response.watchedFraction,
      done: response.videoDone,
      queued: false,
      error: '',
      certificate: completion ? completion.certificateCode : this.view.certificate,
    });
  }

  /** Loads the server's progress (any device) and this device's memory; returns where to resume. */
  async load(): Promise<number> {
    const local = this.#loadLocal();
    if (this.view.signedIn && local?.unsent.length) this.tracker.restore(local.unsent);
    let server: number | null = null;
    if (this.view.signedIn) {
      // the status is fetched once for the whole page (src/client/lesson-store.ts)
      const state = await courseStore(this.#courseId).load();
      if (state.error) {
        // offline: resume from this device's memory; a refused session shows its message
        if (state.errorStatus && state.errorStatus < 500) this.#emit({ error: state.error });
      } else {
        const lesson = state.lessons[this.#slug];
        server = lesson?.position ?? 0;
        this.#confirmedPosition = server;
        this.#emit({ fraction: lesson?.videoFraction ?? 0, done: Boolean(lesson?.videoDone) });
      }
    }
    return resumePosition({
      server,
      local: local ? { position: local.position, pending: local.pending || server === null } : null,
      duration: this.#duration,
    });
  }

  #started = false;
  /**
   * The server credits at most what could have been played since the previous report; the first play
   * of a session tells it when watching began, so the first real report is credited in full.
   */
  #announceStart() {
    if (this.#started || !this.view.signedIn) return;
    this.#started = true;
    const position = roundHalfUp(this.#video?.currentTime ?? 0, 1);
    void send({
      key: newKey(),
      path: 'video-progress',
      body: { lesson: this.#lessonId, intervals: [], position },
      coalesce: `video-start:${this.#lessonId}`,
    })
      .then((response) => {
        if (!('queued' in response)) this.#apply(response);
      })
      .catch(() => undefined);
  }

  /** Starts listening to the video and the page; returns a function that stops it. */
  attach(video: HTMLVideoElement): () => void {
    this.#video = video;
    const now = () => Date.now();
    const on = <K extends keyof HTMLMediaElementEventMap>(type: K, fn: () => void) => {
      video.addEventListener(type, fn);
      return () => video.removeEventListener(type, fn);
    };
    const t = this.tracker;
    t.setRate(video.playbackRate);
    const offs = [
      on('play', () => {
        t.play(video.currentTime, now());
        this.#announceStart();
      }),
      on('playing', () => t.play(video.currentTime, now())),
      on('timeupdate', () => {
        t.timeupdate(video.currentTime, now());
        this.report('timer');
        if (now() - this.#lastLocalSave > 2000) this.#saveLocal();
      }),
      on('seeking', () => t.seeking()),
      on('seeked', () => t.seeked(video.currentTime, now())),
      on('ratechange', () => t.setRate(video.playbackRate)),
      on('pause', () => {
        t.pause(video.currentTime, now());
        // the browser fires pause before ended: let ended report, with the position at the end
        if (!video.ended) this.report('pause');
      }),
      on('ended', () => {
        t.ended(this.#duration, now());
        this.report('ended');
      }),
    ];
    const onHide = () => this.report('hide');
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    const onDelivered = (event: Event) => {
      const detail = (event as CustomEvent<Delivered>).detail;
      const sent = this.#inFlight.get(detail.key);
      if (!sent) return;
      this.#inFlight.delete(detail.key);
      if (detail.response) {
        this.tracker.acknowledge((detail.response as VideoReportResponse).intervals ?? sent);
        this.#apply(detail.response as VideoReportResponse);
        this.#saveLocal();
      }
    };
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener(`${OUTBOX_EVENT}:delivered`, onDelivered);
    if (this.view.signedIn) startOutbox();
    this.#detach = () => {
      offs.forEach((off) => off());
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener(`${OUTBOX_EVENT}:delivered`, onDelivered);
    };
    return () => {
      this.report('hide');
      this.#detach?.();
      this.#detach = null;
      this.#video = null;
    };
  }

  /** Sends a report when the batching rule says so (src/lib/video-tracking.ts shouldReport). */
  report(reason: ReportReason): void {
    const position = this.#position();
    if (!this.view.signedIn) {
      if (reason !== 'timer') this.#saveLocal(position);
      return;
    }
    const unsent = this.tracker.unsent().slice(0, MAX_INTERVALS);
    const due = shouldReport({
      reason,
      unsentSeconds: unsent.reduce((s, [a, b]) => s + b - a, 0),
      playedMs: this.tracker.playedMs(Date.now()),
      position,
      reportedPosition: this.#reportedPosition,
    });
    if (!due) {
      if (reason !== 'timer') this.#saveLocal(position);
      return;
    }
    this.tracker.reported(Date.now());
    this.#reportedPosition = position;
    const key = newKey();
    this.#inFlight.set(key, unsent);
    this.#saveLocal(position);
    const body = { lesson: this.#lessonId, intervals: unsent.map(([a, b]) => [round(a), round(b)]), position: round(position) };
    send({ key, path: 'video-progress', body, coalesce: `video:${this.#lessonId}` })
      .then((response) => {
        if ('queued' in response) {
          this.#emit({ queued: true });
          return;
        }
        this.#inFlight.delete(key);
        this.tracker.acknowledge(response.intervals ?? unsent);
        this.#confirmedPosition = position;
        this.#apply(response);
        this.#saveLocal();
      })
      .catch((err: ApiFailure) => {
        this.#inFlight.delete(key);
        this.#emit({ error: err.message ?? String(err) });
      });
  }
}
