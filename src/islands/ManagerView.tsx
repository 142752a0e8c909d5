import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';
import type { StaffMember } from '../server/manager.ts';

interface CourseInfo {
  id: string;
  title: string;
  lessons: number;
}

/** An enterprise manager's view of their own staff, from GET /api/qa/manager/staff (the server picks whom and which fields). */
export default function ManagerView(props: { courses: CourseInfo[] }) {
  const [staff, setStaff] = useState<StaffMember[]>([]);
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
    qa('manager/staff')
      .then((reply) => setStaff(reply.staff))
      .catch((err) => setError((err as ApiFailure).message));
  }, []);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  const title = (id: string, fallback: string) => props.courses.find((c) => c.id === id)?.title ?? fallback;
  return (
    <table class="staff-table" data-testid="staff-table" role="table">
      <caption class="visually-hidden">{t('manager.caption')}</caption>
      <thead>
        <tr>
          <th>{t('auth.name')}</th>
          <th>{t('me.inProgress')}</th>
          <th>{t('me.completed')}</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((s) => (
          <tr role="row">
            <th scope="row" role="rowheader" class="staff-name">
              {s.name}
            </th>
            <td role="cell" data-label={t('me.inProgress')}>
              {s.inProgress.map((p) => (
                <div>
                  {title(p.course, p.title)}：{t('course.progress', { done: p.lessonsDone, total: p.lessons || '?' })}
                </div>
              ))}
              {s.inProgress.length === 0 && '—'}
            </td>
            <td role="cell" data-label={t('me.completed')}>
              {s.completed.map((c) => (
                <div>
                  {title(c.course, c.title)}（{formatDateZh(c.completedAt)}
                  {c.channel === 'in_person' ? `，${t('manager.inPerson')}` : ''}）
                </div>
              ))}
              {s.completed.length === 0 && '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
