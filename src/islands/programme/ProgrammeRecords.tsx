/** Organising measures a regulator records for indicator 1: meetings, documents, publicity, inspections. */
import { useEffect, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../../client/api.ts';
import { t } from '../../i18n/index.ts';
import type { ProgrammeRecord } from '../../server/programme/records.ts';
import { RECORD_KINDS } from '../../lib/provincial-assessment/record-kinds.ts';

export default function ProgrammeRecords() {
  const [data, setData] = useState<{ jurisdiction: string; records: ProgrammeRecord[] } | null>(null);
  const [form, setForm] = useState({ kind: 'meeting', title: '', heldOn: '', docNumber: '', region: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = () =>
    qa('programme-records')
      .then(setData)
      .catch((err) => setMessage({ ok: false, text: (err as ApiFailure).message }));
  useEffect(() => {
    load();
  }, []);
  async function add(e: Event) {
    e.preventDefault();
    try {
      await qa('programme-records', { method: 'POST', body: { ...form, region: form.region.trim() || data?.jurisdiction || '' } });
      setForm({ ...form, title: '', docNumber: '' });
      setErrors({});
      setMessage({ ok: true, text: t('policy.admin.saved') });
      load();
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ ok: false, text: failure.message });
    }
  }
  async function remove(id: string) {
    try {
      await qa(`programme-records/${id}`, { method: 'DELETE' });
      load();
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message });
    }
  }
  const input = (name: 'title' | 'heldOn' | 'docNumber' | 'region', label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        value={form[name]}
        aria-invalid={errors[name] ? 'true' : undefined}
        onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      />
      {errors[name] && <span class="field-error">{errors[name]}</span>}
    </label>
  );
  return (
    <section class="dash-section" aria-labelledby="records-title" data-testid="programme-records">
      <h2 id="records-title">{t('assess.records.title')}</h2>
      <p class="dash-note">{t('assess.records.intro')}</p>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <details>
        <summary>{t('assess.records.add')}</summary>
        <form class="stack" noValidate onSubmit={add}>
          <label>
            {t('assess.records.kind')}
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}>
              {Object.entries(RECORD_KINDS).map(([k, v]) => (
                <option value={k}>{v}</option>
              ))}
            </select>
          </label>
          {input('title', t('assess.records.titleField'))}
          {input('heldOn', t('assess.records.date'), 'date')}
          {input('docNumber', t('assess.records.docNumber'))}
          {input('region', t('assess.records.region'))}
          <div>
            <button class="btn" type="submit">
              {t('policy.admin.save')}
            </button>
          </div>
        </form>
      </details>
      {data &&
        (data.records.length === 0 ? (
          <p class="notice">{t('assess.records.none')}</p>
        ) : (
          <ul class="record-list">
            {data.records.map((r) => (
              <li>
                <span class="badge">{RECORD_KINDS[r.kind]}</span> {r.heldOn} · {r.regionName} · {r.title}
                {r.docNumber ? `（${r.docNumber}）` : ''}{' '}
                <button type="button" class="btn secondary small" onClick={() => remove(r.id)}>
                  {t('policy.admin.delete')}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
