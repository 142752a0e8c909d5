/**
 * Ticks finished lessons wherever a course's lessons are listed in static HTML (the course page, the lesson
 * page's outline): every `[data-lesson-slug]` inside `[data-course-lessons="<course>"]`. The state comes from
 * the page's shared course store, so a lesson finished on this page (video, "学完了") is ticked at once.
 */
import { t } from '../i18n/index.ts';
import { courseStore, lessonDone, type CourseState } from './lesson-store.ts';

function apply(list: Element, state: CourseState) {
  list.querySelectorAll<HTMLElement>('[data-lesson-slug]').forEach((item) => {
    const done = lessonDone(state.lessons[item.dataset.lessonSlug!]);
    item.toggleAttribute('data-done', done);
    let tick = item.querySelector<HTMLElement>(':scope > .lesson-tick');
    if (done && !tick) {
      tick = document.createElement('span');
      tick.className = 'lesson-tick';
      tick.innerHTML = '<span aria-hidden="true">✓</span><span class="visually-hidden"></span>';
      tick.lastElementChild!.textContent = t('lesson.read');
      item.prepend(tick);
    } else if (!done && tick) tick.remove();
  });
}

export function showLessonTicks(root: ParentNode = document) {
  root.querySelectorAll<HTMLElement>('[data-course-lessons]').forEach((list) => {
    const store = courseStore(list.dataset.courseLessons!);
    if (!store.state.signedIn) return;
    store.subscribe((state) => apply(list, state));
    void store.load().then((state) => apply(list, state));
  });
}
