import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

type Props = { course: string; lesson: string };

/**
 * 问老师 at the foot of a lesson. Its heading is in the page from the start; the discussion's code (questions,
 * answers, ratings, moderation: 2.5 KB gzip) is fetched when the section comes near the screen, as the
 * dashboard's charts are, so a learner who reads only the lesson does not download it and the lesson stays
 * within its first-visit budget (docs/performance.md).
 */
export default function LessonDiscussionLazy(props: Props) {
  const ref = useRef<HTMLElement>(null);
  const [Discussion, setDiscussion] = useState<ComponentType<Props> | null>(null);
  useEffect(() => {
    const load = () => void import('./LessonDiscussion.tsx').then((m) => setDiscussion(() => m.default));
    if (typeof IntersectionObserver === 'undefined' || !ref.current) return load();
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          load();
        }
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, []);
  if (Discussion) return <Discussion {...props} />;
  // the same head as the discussion's own, so nothing moves when it arrives
  return (
    <section class="discussion" aria-labelledby="discussion-title" ref={ref}>
      <h2 id="discussion-title">{t('discuss.title')}</h2>
      <p class="muted">{t('discuss.lead')}</p>
    </section>
  );
}
