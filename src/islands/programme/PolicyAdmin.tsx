/**
 * Regulators maintain the policies of their jurisdiction: add, correct, and delete entries made by
 * mistake. Checked with the server's own validatePolicy before sending; the server re-checks everything,
 * including that the region lies inside the jurisdiction.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, toFailure, type ApiFailure } from '../../client/api.ts';
import { t, type UiKey } from '../../i18n/index.ts';
import { POLICY_TYPES, validatePolicy, type PolicyInput } from '../../lib/policies/policy.ts';
import { routes } from '../../lib/routes.ts';
import type { PolicyList, PolicyView } from '../../server/programme/policies.ts';
import { PolicyCard } from './PolicyCard.tsx';

type Form = Record<keyof PolicyInput, string>;
const EMPTY: Form = {
  title: '',
  authority: '',
  region: '',
  docNumber: '',
  type: 'subsidy',
  issuedOn: '',
  validUntil: '',
  eligibility: '',
  benefit: '',
  howToApply: '',
  link: '',
  illustrative: '',
};
const TEXTAREAS = new Set(['eligibility', 'benefit', 'howToApply']);
const FIELDS: (keyof PolicyInput)[] = [
  'title',
  'authority',
  'region',
  'docNumber',
  'type',
  'issuedOn',
  'validUntil',
  'eligibility',
  'benefit',
  'howToApply',
  'link',
];

export default function PolicyAdmin() {
  const [data, setData] = useState<(PolicyList & { jurisdiction: string }) | null>(null);
  const [error, setError] = useState('');
  const [editing, setEditing] = useState<string | null>(null); // policy id, or "new"
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = () =>
    qa('policies/manage')
      .then(setData)
      .catch((err) => setError((err as ApiFailure).message));
  useEffect(() => {
    const user = currentUser();
    if (!user) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.regulatorPolicies())}`;
      return;
    }
    load();
  }, []);
  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="status-line">…</p>;

  const open = (p: PolicyView | null) => {
    setMessage(null);
    setErrors({});
    setEditing(p ? p.id : 'new');
    setForm(
      p
        ? { ...(Object.fromEntries(FIELDS.map((f) => [f, String(p[f] ?? '')])) as Form), illustrative: p.illustrative ? '1' : '' }
        : { ...EMPTY, region: data.jurisdiction },
    );
  };
  async function save(e: Event) {
    e.preventDefault();
    const input = { ...form, illustrative: form.illustrative === '1' };
    const checked = validatePolicy(input);
    if (!checked.ok) {
      setErrors(checked.errors as Record<string, string>);
      return;
    }
    try {
      await qa(editing === 'new' ? 'policies' : `policies/${editing}`, { method: 'POST', body: checked.value });
      setEditing(null);
      setMessage({ ok: true, text: t('policy.admin.saved') });
      load();
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ ok: false, text: failure.message });
    }
  }
  async function remove(p: PolicyView) {
    if (!confirm(t('policy.admin.confirmDelete', { title: p.title }))) return;
    try {
      await qa(`policies/${p.id}`, { method: 'DELETE' });
      load();
    } catch (err) {
      setMessage({ ok: false, text: toFailure(err).message });
    }
  }
  const field = (name: keyof PolicyInput) => {
    const id = `policy-${name}`;
    const common = {
      id,
      name,
      value: form[name],
      'aria-invalid': errors[name] ? ('true' as const) : undefined,
      onInput: (e: Event) => setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value }),
    };
    return (
      <label for={id}>
        {t(`policy.field.${name}` as UiKey)}
        {name === 'region' && <span class="hint">{t('policy.admin.regionHint')}</span>}
        {name === 'type' ? (
          <select {...common} onChange={common.onInput}>
            {Object.entries(POLICY_TYPES).map(([k, v]) => (
              <option value={k}>{v}</option>
            ))}
          </select>
        ) : TEXTAREAS.has(name) ? (
          <textarea rows={3} {...common} />
        ) : (
          <input
            type={name === 'issuedOn' || name === 'validUntil' ? 'date' : 'text'}
            inputMode={name === 'region' ? 'numeric' : undefined}
            {...common}
          />
        )}
        {errors[name] && <span class="field-error">{errors[name]}</span>}
      </label>
    );
  };
  return (
    <div>
      <p>{t('policy.admin.intro', { region: data.jurisdiction || '全国' })}</p>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {editing ? (
        <form class="stack" noValidate onSubmit={save} data-testid="policy-form">
          {FIELDS.map(field)}
          <div class="dash-toolbar">
            <button class="btn" type="submit">
              {t('policy.admin.save')}
            </button>
            <button class="btn secondary" type="button" onClick={() => setEditing(null)}>
              {t('policy.admin.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button class="btn" type="button" onClick={() => open(null)}>
            {t('policy.admin.new')}
          </button>
        </p>
      )}
      <p class="status-line">{t('policy.count', { n: data.policies.length })}</p>
      <ul class="cards">
        {data.policies.map((p) => (
          <PolicyCard p={p} compact>
            <div class="dash-toolbar">
              <button class="btn secondary small" type="button" onClick={() => open(p)}>
                {t('policy.admin.edit')}
              </button>
              <button class="btn secondary small" type="button" onClick={() => remove(p)}>
                {t('policy.admin.delete')}
              </button>
            </div>
          </PolicyCard>
        ))}
      </ul>
    </div>
  );
}
