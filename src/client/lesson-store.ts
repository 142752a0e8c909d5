/**
 * One source of truth for a course's state on the page. The islands of a lesson page (video player, "我学完了
 * 这一课", quiz) and of a course page used to fetch the course status each on their own and decide apart, so
 * a video that finished left the page offering "我学完了这一课" until reload. Now they read and update this
 * store: one request for the status, and every change (video done, lesson read, course completed) shows in
 * every island at once. Islands are separate Preact roots but share this module, so a module-level store is
 * shared by all of them.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from './api.ts';
import type { QaRoutes } from '../server/api-contract.ts';
import { isLessonDone } from '../lib/completion.ts';

export interface LessonState {
  read?: boolean;
  videoDone?: boolean;
  videoFraction?: number;
  position?: number;
}
export interface CompletionRef {
  certificateCode: string;
}
export type CourseStatusResponse = QaRoutes['GET courses/{course}/status'];

export interface CourseState {
  /** false until the server answered (or failed) */
  loaded: boolean;
  signedIn: boolean;
  error: string;
  /** the failed request's HTTP status: 0 when the network failed (offline) */
  errorStatus: number;
  lessons: Record<string, LessonState>;
  completion: CompletionRef | null;
  /** the server's course status as last fetched; lessonsDone is kept in step with local changes */
  status: CourseStatusResponse['status'] | null;
}

/** The rule itself lives in src/lib/completion.ts (one definition for server and pages). */
export const lessonDone = (s: LessonState | undefined) => isLessonDone(s);

type Listener = (state: CourseState) => void;

class CourseStore {
  state: CourseState;
  #listeners = new Set<Listener>();
  #loading: Promise<CourseState> | null = null;

  constructor(readonly courseId: string) {
    // islands are also rendered at build time, where there is no browser and nobody is signed in
    const signedIn = typeof window !== 'undefined' && Boolean(currentUser());
    this.state = { loaded: false, signedIn, error: '', errorStatus: 0, lessons: {}, completion: null, status: null };
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(patch: Partial<CourseState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.#listeners) listener(this.state);
  }

  /** Fetches the status once for every island that asks; `force` refetches (after a quiz, say). */
  load(force = false): Promise<CourseState> {
    if (!this.state.signedIn) {
      if (!this.state.loaded) this.#set({ loaded: true });
      return Promise.resolve(this.state);
    }
    if (this.#loading && !force) return this.#loading;
    this.#loading = qa(`courses/${this.courseId}/status`)
      .then((s) => {
        // a local change that the server has not confirmed yet (queued offline) is kept
        const lessons = { ...s.lessons };
        for (const [slug, local] of Object.entries(this.state.lessons)) {
          if (lessonDone(local) && !lessonDone(lessons[slug])) lessons[slug] = { ...lessons[slug], ...local };
        }
        this.#set({
          loaded: true,
          error: '',
          errorStatus: 0,
          lessons,
          completion: s.completion ?? this.state.completion,
          status: s.status,
        });
        return this.state;
      })
      .catch((err) => {
        this.#set({ loaded: true, error: (err as ApiFailure).message, errorStatus: (err as ApiFailure).status });
        return this.state;
      });
    return this.#loading;
  }

  /** A lesson's state changed on this page (video reported, "学完了" pressed). */
  updateLesson(slug: string, patch: LessonState) {
    const before = this.state.lessons[slug];
    const after = { ...before, ...patch };
    let status = this.state.status;
    if (status && lessonDone(after) && !lessonDone(before)) {
      const missingLessons = status.missingLessons.filter((m) => m !== slug);
      status = {
        ...status,
        missingLessons,
        lessonsDone: status.lessonsDone + (missingLessons.length < status.missingLessons.length ? 1 : 0),
      };
    }
    this.#set({ lessons: { ...this.state.lessons, [slug]: after }, status });
  }

  setCompletion(completion: CompletionRef | null | undefined) {
    if (completion && completion.certificateCode !== this.state.completion?.certificateCode) {
      this.#set({ completion, status: this.state.status && { ...this.state.status, complete: true } });
    }
  }
}

const stores = new Map<string, CourseStore>();

export function courseStore(courseId: string): CourseStore {
  let store = stores.get(courseId);
  if (!store) stores.set(courseId, (store = new CourseStore(courseId)));
  return store;
}

/** The course's state for a Preact island, loading it on first use. */
export function useCourseState(courseId: string): CourseState {
  const store = courseStore(courseId);
  const [state, setState] = useState(store.state);
  useEffect(() => {
    const off = store.subscribe(setState);
    setState(store.state);
    void store.load();
    return off;
  }, [courseId]);
  return state;
}
