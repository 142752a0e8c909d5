import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import YAML from 'yaml';
import {
  keyAction,
  REPORT_EVERY_MS,
  resumePosition,
  shouldReport,
  stepRate,
  WatchTracker,
  formatClock,
} from '../../src/lib/video-tracking.ts';
import { mediaDuration, MediaScriptSchema } from '../../src/schemas/media.ts';
import { subtractIntervals } from '../../src/lib/intervals.ts';
import {
  checkLessonVideo,
  escapeFilterValue,
  parseMediaScript,
  textWidth,
  toVtt,
  vttTime,
  wrapCaption as wrapText,
} from '../../scripts/lib/media-script.ts';

/** Plays from `from` to `to` at `rate`, with a timeupdate every 250 ms of wall time, starting at wall time `start`. */
function playThrough(tracker: WatchTracker, from: number, to: number, start: number, rate = 1): number {
  let now = start;
  tracker.setRate(rate);
  tracker.play(from, now);
  for (let t = from; t < to; ) {
    now += 250;
    t = Math.min(to, t + 0.25 * rate);
    tracker.timeupdate(t, now);
  }
  return now;
}

describe('WatchTracker: only continuous playback counts', () => {
  it('records an interval while playing and closes it on pause', () => {
    const tr = new WatchTracker();
    const now = playThrough(tr, 0, 10, 0);
    tr.pause(10, now);
    expect(tr.watched()).toEqual([[0, 10]]);
    expect(tr.unsent()).toEqual([[0, 10]]);
  });

  it('seeking ahead adds nothing: a seek closes the interval and playback after it starts a new one', () => {
    const tr = new WatchTracker();
    let now = playThrough(tr, 0, 8, 0);
    tr.seeking(); // the learner drags to 40 s
    tr.timeupdate(40, now + 10); // ignored while seeking
    tr.seeked(40, now + 20);
    now += 20;
    for (let t = 40; t < 44; t += 0.25) tr.timeupdate(t + 0.25, (now += 250));
    tr.pause(44, now);
    expect(tr.watched()).toEqual([
      [0, 8],
      [40, 44],
    ]);
  });

  it('a jump without seek events (e.g. a hiccup in the player) is not credited either', () => {
    const tr = new WatchTracker();
    const now = playThrough(tr, 0, 5, 0);
    tr.timeupdate(30, now + 250); // 25 s of video in a quarter of a second
    tr.timeupdate(30.25, now + 500);
    tr.pause(30.25, now + 500);
    expect(tr.watched()).toEqual([
      [0, 5],
      [30, 30.25],
    ]);
  });

  it('allows a faster speed, but judges jumps against it', () => {
    const tr = new WatchTracker();
    const now = playThrough(tr, 0, 20, 0, 2);
    tr.pause(20, now);
    expect(tr.watched()).toEqual([[0, 20]]);
    expect(now).toBe(10_000); // 20 s of video in 10 s at 2x
  });

  it('does not record while paused, and a seek while paused records nothing', () => {
    const tr = new WatchTracker();
    tr.timeupdate(3, 100);
    tr.seeking();
    tr.seeked(30, 200);
    tr.timeupdate(30, 300);
    expect(tr.watched()).toEqual([]);
  });

  it('ended extends the last interval to the end', () => {
    const tr = new WatchTracker();
    const now = playThrough(tr, 40, 49.8, 0);
    tr.pause(50, now + 200);
    tr.ended(50, now + 200);
    expect(tr.watched()).toEqual([[40, 50]]);
  });

  it('a seek back and replay adds no double counting', () => {
    const tr = new WatchTracker();
    let now = playThrough(tr, 0, 10, 0);
    tr.seeking();
    tr.seeked(5, now);
    for (let t = 5; t < 12; t += 0.25) tr.timeupdate(t + 0.25, (now += 250));
    tr.pause(12, now);
    expect(tr.watched()).toEqual([[0, 12]]);
  });
});

describe('WatchTracker: reports and acknowledgements', () => {
  it('keeps intervals unsent until the server has answered for them, including the open one', () => {
    const tr = new WatchTracker();
    let now = playThrough(tr, 0, 15, 0);
    const first = tr.unsent();
    expect(first).toEqual([[0, 15]]);
    tr.reported(now);
    // playback goes on while the request is in flight
    for (let t = 15; t < 20; t += 0.25) tr.timeupdate(t + 0.25, (now += 250));
    tr.acknowledge(first);
    expect(tr.unsent()).toEqual([[15, 20]]);
    expect(tr.watched()).toEqual([[0, 20]]);
  });

  it('an unanswered (queued) report is sent again with the next one', () => {
    const tr = new WatchTracker();
    let now = playThrough(tr, 0, 5, 0);
    tr.pause(5, now);
    const queued = tr.unsent(); // went to the outbox, no answer
    tr.seeking();
    tr.seeked(20, now);
    now = playThrough(tr, 20, 25, now);
    tr.pause(25, now);
    expect(queued).toEqual([[0, 5]]);
    expect(tr.unsent()).toEqual([
      [0, 5],
      [20, 25],
    ]);
  });

  it('restores intervals left over from an earlier page', () => {
    const tr = new WatchTracker();
    tr.restore([[0, 7]]);
    const now = playThrough(tr, 7, 9, 0);
    tr.pause(9, now);
    expect(tr.unsent()).toEqual([[0, 9]]);
  });

  it('counts playback time for batching and starts again after a report', () => {
    const tr = new WatchTracker();
    const now = playThrough(tr, 0, 16, 1000);
    expect(tr.playedMs(now)).toBe(16_000);
    tr.reported(now);
    expect(tr.playedMs(now + 1000)).toBe(1000);
    tr.pause(17, now + 1000);
    expect(tr.playedMs(now + 60_000)).toBe(1000);
  });

  it('subtracts intervals', () => {
    expect(
      subtractIntervals(
        [[0, 10]],
        [
          [2, 4],
          [6, 7],
        ],
      ),
    ).toEqual([
      [0, 2],
      [4, 6],
      [7, 10],
    ]);
    expect(
      subtractIntervals(
        [
          [0, 10],
          [20, 30],
        ],
        [[0, 25]],
      ),
    ).toEqual([[25, 30]]);
    expect(subtractIntervals([[0, 10]], [])).toEqual([[0, 10]]);
    expect(subtractIntervals([[0, 10]], [[0, 10]])).toEqual([]);
  });
});

describe('batching', () => {
  const base = { unsentSeconds: 5, playedMs: 0, position: 10, reportedPosition: 10 };
  it('the timer reports only after ~15 s of playback with something new', () => {
    expect(shouldReport({ ...base, reason: 'timer', playedMs: REPORT_EVERY_MS - 1 })).toBe(false);
    expect(shouldReport({ ...base, reason: 'timer', playedMs: REPORT_EVERY_MS })).toBe(true);
    expect(shouldReport({ ...base, reason: 'timer', playedMs: 60_000, unsentSeconds: 0 })).toBe(false);
  });
  it('pause, end and page hide report what is new, or a moved position', () => {
    for (const reason of ['pause', 'ended', 'hide'] as const) {
      expect(shouldReport({ ...base, reason })).toBe(true);
      expect(shouldReport({ ...base, reason, unsentSeconds: 0 })).toBe(false);
      expect(shouldReport({ ...base, reason, unsentSeconds: 0, position: 30 })).toBe(true);
      expect(shouldReport({ ...base, reason, unsentSeconds: 0.1, reportedPosition: null })).toBe(true);
    }
  });
});

describe('resume position', () => {
  it('prefers the server (any device) unless this device has something newer the server has not confirmed', () => {
    expect(resumePosition({ server: 42, local: { position: 10, pending: false }, duration: 60 })).toBe(42);
    expect(resumePosition({ server: 42, local: { position: 50, pending: true }, duration: 60 })).toBe(50);
    expect(resumePosition({ server: null, local: { position: 20, pending: false }, duration: 60 })).toBe(20);
    expect(resumePosition({ server: 12, local: null, duration: 60 })).toBe(12);
  });
  it('starts from the beginning near the start or after the end', () => {
    expect(resumePosition({ server: 2, duration: 60 })).toBe(0);
    expect(resumePosition({ server: 58.5, duration: 60 })).toBe(0);
    expect(resumePosition({ server: 60, duration: 60 })).toBe(0);
    expect(resumePosition({ duration: 60 })).toBe(0);
  });
});

describe('player controls', () => {
  it('maps keys to actions', () => {
    expect(keyAction(' ')).toEqual({ type: 'toggle' });
    expect(keyAction('k')).toEqual({ type: 'toggle' });
    expect(keyAction('ArrowLeft')).toEqual({ type: 'seek', by: -5 });
    expect(keyAction('ArrowRight')).toEqual({ type: 'seek', by: 5 });
    expect(keyAction('ArrowUp')).toEqual({ type: 'rate', direction: 1 });
    expect(keyAction('c')).toEqual({ type: 'captions' });
    expect(keyAction('Tab')).toBeNull();
  });
  it('steps through the speeds and stops at the ends', () => {
    expect(stepRate(1, 1)).toBe(1.25);
    expect(stepRate(1, -1)).toBe(0.75);
    expect(stepRate(0.75, -1)).toBe(0.75);
    expect(stepRate(2, 1)).toBe(2);
    expect(stepRate(1.1, 1)).toBe(1.25);
    expect(stepRate(16, -1)).toBe(1.5);
  });
  it('formats the clock', () => {
    expect(formatClock(83.7)).toBe('1:23');
    expect(formatClock(5)).toBe('0:05');
  });
});

describe('lecture scripts (content/media) and what build:media makes of them', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = join(root, 'content', 'media');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

  it('there are at least three, in three courses, each 40-70 s, matching their lesson', () => {
    const courses = new Set<string>();
    for (const name of files) {
      const { script, problems } = parseMediaScript(readFileSync(join(dir, name), 'utf8'), name);
      expect(problems).toEqual([]);
      courses.add(script!.lesson.split('/')[0]);
      const duration = mediaDuration(script!);
      expect(duration).toBeGreaterThanOrEqual(40);
      expect(duration).toBeLessThanOrEqual(70);
      const lesson = readFileSync(join(root, 'content', 'lessons', `${script!.lesson}.mdx`), 'utf8');
      const frontmatter = YAML.parse(lesson.slice(4, lesson.indexOf('\n---', 4)));
      expect(checkLessonVideo(frontmatter, name.replace(/\.yaml$/, ''), script!)).toEqual([]);
      for (const cue of script!.cues) expect(wrapText(cue.text, 18).length).toBeLessThanOrEqual(3);
    }
    expect(courses.size).toBeGreaterThanOrEqual(3);
  });

  it('rejects overlapping cues and a duration shorter than the cues', () => {
    const bad = MediaScriptSchema.safeParse({
      title: '测试视频',
      lesson: 'a/b',
      duration: 5,
      cues: [
        { start: 0, end: 4, text: '第一条字幕' },
        { start: 3, end: 8, text: '第二条字幕' },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['cues.1.start', 'duration']));
    expect(parseMediaScript('title: [', 'x.yaml').problems[0].message).toMatch(/YAML/);
  });

  it('names a lesson whose video block does not match', () => {
    const script = MediaScriptSchema.parse({
      title: '测试视频',
      lesson: 'a/b',
      cues: [
        { start: 0, end: 10, text: '第一条字幕' },
        { start: 30, end: 42.5, text: '第二条字幕' },
      ],
    });
    expect(
      checkLessonVideo(
        { video: { src: '/media/x/master.m3u8', captions: '/media/x/zh.vtt', poster: '/media/x/poster.jpg', durationSeconds: 40 } },
        'x',
        script,
      ),
    ).toEqual(['video.durationSeconds 是 40，应为 43']);
    expect(checkLessonVideo({}, 'x', script)[0]).toMatch(/没有 video/);
  });

  it('writes WebVTT with escaped text', () => {
    expect(vttTime(3725.5)).toBe('01:02:05.500');
    expect(toVtt([{ start: 0, end: 4.25, text: '成本 < 收入 & 利润' }])).toBe(
      'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.250\n成本 &lt; 收入 &amp; 利润\n',
    );
  });

  it('escapes filter values at both levels of ffmpeg parsing', () => {
    expect(escapeFilterValue('/usr/share/fonts/a.ttc')).toBe('/usr/share/fonts/a.ttc');
    // option level: `:` separates options; graph level: the backslash itself must survive
    expect(escapeFilterValue('Noto Sans CJK SC:style=Bold')).toBe('Noto Sans CJK SC\\\\:style=Bold');
    expect(escapeFilterValue("it's")).toBe("it\\\\\\'s");
    expect(escapeFilterValue('gte(t,5)*lt(t,10)')).toBe('gte(t\\,5)*lt(t\\,10)');
    expect(escapeFilterValue('[a];b')).toBe('\\[a\\]\\;b');
  });

  it('wraps slide text without breaking numbers or starting a line with punctuation', () => {
    expect(textWidth('质量 80%')).toBeCloseTo(2 + 0.55 * 4);
    const lines = wrapText('从 80% 提到 95%，每 100 件就少返工 15 件。', 12);
    expect(lines.join('').replace(/ /g, '')).toBe('从80%提到95%，每100件就少返工15件。');
    for (const line of lines) {
      expect(textWidth(line)).toBeLessThanOrEqual(12);
      expect(line).not.toMatch(/^[，。]/);
    }
    expect(wrapText('短句。', 18)).toEqual(['短句。']);
  });
});
