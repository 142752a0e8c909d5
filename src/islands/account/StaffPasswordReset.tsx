import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { ResetCodeResponse } from '../../server/accounts/reset-code.ts';

/**
 * On the manager page: a one-time password for a staff member who cannot use "forgot password" by email.
 * The code is shown here once (the server keeps only its hash) and is to be handed over in person or by phone.
 */
export default function StaffPasswordReset() {
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [chosen, setChosen] = useState('');
  const [issued, setIssued] = useState<ResetCodeResponse | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const user = currentUser();
    if (user?.role !== 'enterprise_manager') return;
    qa('manager/staff')
      .then((r) => setStaff(r.staff.filter((s) => s.id !== user.id)))
      .catch(() => setStaff([]));
  }, []);
  if (!staff.length) return null;
  async function issue() {
    const person = staff.find((s) => s.id === chosen);
    if (!person) return setError(t('account.staffReset.choose'));
    if (!window.confirm(t('account.staffReset.confirm', { name: person.name }))) return;
    setBusy(true);
    setError('');
    setIssued(null);
    try {
      setIssued(await qa(`manager/staff/${encodeURIComponent(person.id)}/reset-code`, { method: 'POST', body: {} }));
    } catch (err) {
      setError((err as ApiFailure).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card stack" data-testid="staff-reset">
      <h2>{t('account.staffReset.title')}</h2>
      <p>{t('account.staffReset.lead')}</p>
      <label>
        {t('account.staffReset.who')}
        <select value={chosen} onChange={(e) => setChosen((e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('auth.choose')}</option>
          {staff.map((s) => (
            <option value={s.id}>{s.name}</option>
          ))}
        </select>
      </label>
      <p>
        <button class="btn small" type="button" onClick={issue} disabled={busy}>
          {t('account.staffReset.issue')}
        </button>
      </p>
      {error && (
        <p class="notice bad" role="alert">
          {error}
        </p>
      )}
      {issued && (
        <div class="notice good" role="status" data-testid="reset-code">
          <p>{t('account.staffReset.codeFor', { name: issued.name })}</p>
          <p class="reset-code" style={{ fontSize: '1.6em', fontFamily: 'monospace', letterSpacing: '0.1em', margin: '0.3em 0' }}>
            {issued.code}
          </p>
          <p>{issued.message}</p>
          <p>{t('account.staffReset.expires', { time: formatDateTime(issued.expires) })}</p>
        </div>
      )}
    </section>
  );
}
