import { useEffect, useState } from 'preact/hooks';
import { currentUser, pb, toFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { routes } from '../lib/routes.ts';
import { formatDateZh } from '../lib/format.ts';

interface Staff { id: string; name: string; email: string }
interface Completion { id: string; user: string; course: string; completed_at: string; certificate_code: string }

/** An enterprise manager's view of their own staff; API rules keep other enterprises out. */
export default function ManagerView(props: { courses: { id: string; title: string }[] }) {
  const [staff, setStaff] = useState<Staff[]>([]);
  const [completions, setCompletions] = useState<Completion[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.manager())}`;
      return;
    }
    Promise.all([
      pb().collection('users').getFullList<Staff>({ fields: 'id,name,email', sort: 'name' }),
      pb().collection('completions').getFullList<Completion>({ sort: '-completed_at' }),
    ])
      .then(([s, c]) => { setStaff(s); setCompletions(c); })
      .catch((err) => setError(toFailure(err).message));
  }, []);
  if (error) return <p class="notice bad" role="alert">{error}</p>;
  return (
    <table data-testid="staff-table">
      <thead><tr><th>{t('auth.name')}</th><th>{t('me.completed')}</th></tr></thead>
      <tbody>
        {staff.map((s) => (
          <tr>
            <td>{s.name}</td>
            <td>{completions.filter((c) => c.user === s.id).map((c) => `${props.courses.find((x) => x.id === c.course)?.title ?? c.course}（${formatDateZh(c.completed_at)}）`).join('；') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
