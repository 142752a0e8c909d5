import { useEffect, useState } from 'preact/hooks';
import { currentUser, pb, toFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';

interface Staff { id: string; name: string; email: string }
interface Completion { id: string; user: string; course: string; completed_at: string; certificate_code: string; channel: string }
interface Progress { user: string; course: string; lesson: string; read_at: string; video_done: boolean }
interface CourseInfo { id: string; title: string; lessons: number }

/** An enterprise manager's view of their own staff; API rules keep other enterprises out. */
export default function ManagerView(props: { courses: CourseInfo[] }) {
  const [staff, setStaff] = useState<Staff[]>([]);
  const [completions, setCompletions] = useState<Completion[]>([]);
  const [progress, setProgress] = useState<Progress[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.manager())}`;
      return;
    }
    if (user.role !== 'enterprise_manager') {
      setError(t('manager.onlyManagers'));
      return;
    }
    Promise.all([
      pb().collection('users').getFullList<Staff>({ fields: 'id,name,email', sort: 'name' }),
      pb().collection('completions').getFullList<Completion>({ sort: '-completed_at' }),
      pb().collection('lesson_progress').getFullList<Progress>({ fields: 'user,course,lesson,read_at,video_done' }),
    ])
      .then(([s, c, p]) => { setStaff(s); setCompletions(c); setProgress(p); })
      .catch((err) => setError(toFailure(err).message));
  }, []);
  if (error) return <p class="notice bad" role="alert">{error}</p>;
  const course = (id: string) => props.courses.find((c) => c.id === id);
  return (
    <table class="staff-table" data-testid="staff-table" role="table">
      <caption class="visually-hidden">{t('manager.caption')}</caption>
      <thead><tr><th>{t('auth.name')}</th><th>{t('me.inProgress')}</th><th>{t('me.completed')}</th></tr></thead>
      <tbody>
        {staff.map((s) => {
          const done = new Set(completions.filter((c) => c.user === s.id).map((c) => c.course));
          const started = [...new Set(progress.filter((p) => p.user === s.id && !done.has(p.course)).map((p) => p.course))];
          return (
            <tr role="row">
              <th scope="row" role="rowheader" class="staff-name">{s.name}</th>
              <td role="cell" data-label={t('me.inProgress')}>
                {started.map((id) => {
                  const read = progress.filter((p) => p.user === s.id && p.course === id && (p.read_at || p.video_done)).length;
                  return <div>{course(id)?.title ?? id}：{t('course.progress', { done: read, total: course(id)?.lessons ?? '?' })}</div>;
                })}
                {started.length === 0 && '—'}
              </td>
              <td role="cell" data-label={t('me.completed')}>
                {completions.filter((c) => c.user === s.id).map((c) => <div>{course(c.course)?.title ?? c.course}（{formatDateZh(c.completed_at)}{c.channel === 'in_person' ? `，${t('manager.inPerson')}` : ''}）</div>)}
                {done.size === 0 && '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
