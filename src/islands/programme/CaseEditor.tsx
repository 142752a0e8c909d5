/**
 * Enterprise managers (and, once the role exists, assisting experts) write good-practice cases: a list of
 * their cases, and a form that saves drafts to the server (resume any time, on any device) and submits
 * to the provincial regulator. Returned cases show the reviewer's comments and can be revised.
 */
import { useEffect, useState } from 'preact/hooks';
import { currentUser, qa, type ApiFailure } from '../../client/api.ts';
import { encodePhoto } from '../../client/photo-encode.ts';
import { t } from '../../i18n/index.ts';
import {
  checkCase,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  normaliseCase,
  PROBLEM_GROUPS,
  type CaseContent,
  type CaseFigure,
} from '../../lib/cases/case-content.ts';
import { CASE_STATE_NAMES, isEditable } from '../../lib/cases/workflow.ts';
import { routes } from '../../lib/routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { CaseDetail, CaseSummary } from '../../server/programme/cases.ts';
import { CaseHistory, CaseView } from './CaseView.tsx';

const EMPTY_FIGURE: CaseFigure = { metric: '', unit: '', before: '', after: '', period: '' };

export default function CaseEditor() {
  const [list, setList] = useState<{ cases: CaseSummary[]; canWrite: boolean } | null>(null);
  const [open, setOpen] = useState<CaseDetail | null>(null);
  const [draft, setDraft] = useState<CaseContent | null>(null);
  const [clausesText, setClausesText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const loadList = () =>
    qa('cases/mine')
      .then(setList)
      .catch((err) => setError((err as ApiFailure).message));
  useEffect(() => {
    if (!currentUser()) {
      window.location.href = `${routes.login()}?next=${encodeURIComponent(routes.managerCases())}`;
      return;
    }
    loadList();
  }, []);

  function show(c: CaseDetail) {
    setOpen(c);
    setDraft(c.content);
    setClausesText(c.content.clauses.join(', '));
    setErrors({});
    window.scrollTo(0, 0);
  }
  async function openCase(id: string) {
    setMessage(null);
    try {
      show(await qa(`cases/${id}`));
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message });
    }
  }
  async function create() {
    setMessage(null);
    try {
      show(await qa('cases', { method: 'POST', body: { content: {} } }));
    } catch (err) {
      setMessage({ ok: false, text: (err as ApiFailure).message });
    }
  }
  const content = (): CaseContent => normaliseCase({ ...draft!, clauses: clausesText.split(/[,，、\s]+/).filter(Boolean) });
  async function save(): Promise<CaseDetail | null> {
    const c = content();
    const found = checkCase(c, false);
    if (Object.keys(found).length) {
      setErrors(found);
      setMessage({ ok: false, text: t('case.fixErrors') });
      return null;
    }
    setBusy(true);
    try {
      const saved = await qa(`cases/${open!.id}`, { method: 'POST', body: { content: c } });
      setOpen(saved);
      setErrors({});
      setMessage({ ok: true, text: t('case.saved', { time: formatDateTime(saved.updated) }) });
      return saved;
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ ok: false, text: failure.message });
      return null;
    } finally {
      setBusy(false);
    }
  }
  async function submit() {
    const complete = checkCase(content(), true);
    if (Object.keys(complete).length) {
      setErrors(complete);
      setMessage({ ok: false, text: t('case.fixErrors') });
      return;
    }
    if (!(await save())) return;
    setBusy(true);
    try {
      const done = await qa(`cases/${open!.id}/actions`, { method: 'POST', body: { action: 'submit' } });
      show(done);
      setMessage({ ok: true, text: t('case.submitted') });
      loadList();
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage({ ok: false, text: failure.message });
    } finally {
      setBusy(false);
    }
  }
  async function addPhotos(files: FileList | null) {
    if (!files || !draft) return;
    const photos = [...draft.photos];
    for (const file of [...files].slice(0, MAX_PHOTOS - photos.length)) {
      try {
        const encoded = await encodePhoto(file, MAX_PHOTO_BYTES);
        photos.push({ ...encoded, caption: '' });
      } catch {
        setMessage({ ok: false, text: t('case.photoFailed', { name: file.name }) });
      }
    }
    setDraft({ ...draft, photos });
  }

  if (error)
    return (
      <p class="notice bad" role="alert">
        {error}
      </p>
    );
  if (!list) return <p class="status-line">…</p>;
  if (!list.canWrite) return <p class="notice">{t('case.mine.only')}</p>;

  if (open && draft) {
    const editable = isEditable(open.state);
    const err = (name: string) =>
      errors[name] && (
        <span class="field-error" id={`case-${name}-error`}>
          {errors[name]}
        </span>
      );
    const aria = (name: string) => ({
      'aria-invalid': errors[name] ? ('true' as const) : undefined,
      'aria-describedby': errors[name] ? `case-${name}-error` : undefined,
    });
    const text = (name: 'title' | 'summary' | 'business' | 'problemText' | 'measures' | 'lessons', rows = 0) => (
      <label for={`case-${name}`}>
        {t(`case.field.${name}`)}
        {rows ? (
          <textarea
            id={`case-${name}`}
            name={name}
            rows={rows}
            value={draft[name]}
            onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
            {...aria(name)}
          />
        ) : (
          <input
            id={`case-${name}`}
            name={name}
            value={draft[name]}
            onInput={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
            {...aria(name)}
          />
        )}
        {err(name)}
      </label>
    );
    const setFigure = (i: number, patch: Partial<CaseFigure>) =>
      setDraft({ ...draft, figures: draft.figures.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
    return (
      <div data-testid="case-editor">
        <p>
          <button
            type="button"
            class="btn secondary small"
            onClick={() => {
              setOpen(null);
              setMessage(null);
              loadList();
            }}
          >
            {t('case.back')}
          </button>
        </p>
        {message && (
          <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'} data-testid="case-message">
            {message.text}
          </p>
        )}
        {!editable ? (
          <>
            <p class="notice">{t('case.readOnly')}</p>
            <CaseView c={open} />
          </>
        ) : (
          <form
            class="stack case-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <p class="meta">
              <span class="badge" data-testid="case-state">
                {CASE_STATE_NAMES[open.state]}
              </span>
              <span>
                {t('case.profile')}：{open.profile.enterpriseName} · {open.regionName}
              </span>
            </p>
            {open.state === 'returned' && open.lastComment && (
              <p class="notice warn" data-testid="case-return-comment">
                {t('case.comment', { comment: open.lastComment })}
              </p>
            )}
            {text('title')}
            {text('summary', 2)}
            {text('business')}
            <label for="case-employees">
              {t('case.field.employees')}
              <input
                id="case-employees"
                name="employees"
                type="number"
                inputMode="numeric"
                min={1}
                value={draft.employees ?? ''}
                onInput={(e) => setDraft({ ...draft, employees: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
                {...aria('employees')}
              />
              {err('employees')}
            </label>
            <fieldset class={errors.problems ? 'has-error' : undefined}>
              <legend>{t('case.field.problems')}</legend>
              {PROBLEM_GROUPS.map((g) => (
                <div class="case-problem-group">
                  <strong>{g.label}</strong>
                  {g.tags.map((tag) => (
                    <label class="quiz-option">
                      <input
                        type="checkbox"
                        name="problems"
                        value={tag}
                        checked={draft.problems.includes(tag)}
                        onChange={(e) =>
                          setDraft({
                            ...draft,
                            problems: e.currentTarget.checked ? [...draft.problems, tag] : draft.problems.filter((p) => p !== tag),
                          })
                        }
                      />
                      <span>{t(`problem.${tag}` as 'problem.weak-brand')}</span>
                    </label>
                  ))}
                </div>
              ))}
              {err('problems')}
            </fieldset>
            {text('problemText', 4)}
            {text('measures', 6)}
            <label for="case-clauses">
              {t('case.field.clauses')}
              <span class="hint">{t('case.field.clausesHint')}</span>
              <input
                id="case-clauses"
                name="clauses"
                value={clausesText}
                onInput={(e) => setClausesText(e.currentTarget.value)}
                {...aria('clauses')}
              />
              {err('clauses')}
            </label>
            <fieldset class={errors.figures ? 'has-error' : undefined}>
              <legend>{t('case.field.figures')}</legend>
              <p class="hint">{t('case.field.figuresHint')}</p>
              {draft.figures.map((f, i) => (
                <div class="case-figure" data-testid="case-figure">
                  {(['metric', 'unit', 'before', 'after', 'period'] as const).map((key) => (
                    <label for={`case-figure-${i}-${key}`}>
                      {t(`case.field.${key}`)}
                      <input
                        id={`case-figure-${i}-${key}`}
                        value={f[key]}
                        inputMode={key === 'before' || key === 'after' ? 'decimal' : undefined}
                        onInput={(e) => setFigure(i, { [key]: e.currentTarget.value })}
                        {...aria(`figures.${i}.${key}`)}
                      />
                      {err(`figures.${i}.${key}`)}
                    </label>
                  ))}
                  <button
                    type="button"
                    class="btn secondary small"
                    onClick={() => setDraft({ ...draft, figures: draft.figures.filter((_, j) => j !== i) })}
                  >
                    {t('case.removeFigure')}
                  </button>
                </div>
              ))}
              <button
                type="button"
                class="btn secondary small"
                onClick={() => setDraft({ ...draft, figures: [...draft.figures, { ...EMPTY_FIGURE }] })}
              >
                {t('case.addFigure')}
              </button>
              {err('figures')}
            </fieldset>
            {text('lessons', 3)}
            <fieldset class={errors.photos ? 'has-error' : undefined}>
              <legend>{t('case.field.photos', { max: MAX_PHOTOS })}</legend>
              <p class="hint">{t('case.field.photosHint')}</p>
              <div class="case-photos">
                {draft.photos.map((p, i) => (
                  <figure>
                    <img src={`data:${p.mime};base64,${p.data}`} alt={p.caption || '现场照片'} />
                    <label>
                      {t('case.photoCaption')}
                      <input
                        value={p.caption}
                        onInput={(e) =>
                          setDraft({
                            ...draft,
                            photos: draft.photos.map((q, j) => (j === i ? { ...q, caption: e.currentTarget.value } : q)),
                          })
                        }
                      />
                    </label>
                    <button
                      type="button"
                      class="btn secondary small"
                      onClick={() => setDraft({ ...draft, photos: draft.photos.filter((_, j) => j !== i) })}
                    >
                      {t('case.removePhoto')}
                    </button>
                  </figure>
                ))}
              </div>
              {draft.photos.length < MAX_PHOTOS && (
                <input
                  type="file"
                  accept="image/jpeg,image/png"
                  multiple
                  aria-label={t('case.field.photos', { max: MAX_PHOTOS })}
                  onChange={(e) => {
                    addPhotos(e.currentTarget.files);
                    e.currentTarget.value = '';
                  }}
                />
              )}
              {err('photos')}
            </fieldset>
            <div class="dash-toolbar case-actions">
              <button class="btn secondary" type="submit" disabled={busy}>
                {t('case.saveDraft')}
              </button>
              <button class="btn" type="button" disabled={busy} onClick={submit}>
                {t('case.submit')}
              </button>
            </div>
            <CaseHistory c={open} />
          </form>
        )}
      </div>
    );
  }

  return (
    <div>
      {message && (
        <p class={`notice ${message.ok ? 'ok' : 'bad'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <p>
        <button class="btn" type="button" onClick={create}>
          {t('case.mine.new')}
        </button>
      </p>
      {list.cases.length === 0 ? (
        <p class="notice">{t('case.mine.none')}</p>
      ) : (
        <ul class="cards" data-testid="my-cases">
          {list.cases.map((c) => (
            <li class="card">
              <h3>{c.title || '（未填写标题）'}</h3>
              <p class="meta">
                <span class="badge">{CASE_STATE_NAMES[c.state]}</span>
                {c.illustrative && <span class="badge">{t('policy.illustrative')}</span>}
                <span>{t('case.updated', { time: formatDateTime(c.updated) })}</span>
              </p>
              {c.state === 'returned' && c.lastComment && <p class="notice warn">{t('case.comment', { comment: c.lastComment })}</p>}
              {c.state === 'declined' && c.lastComment && <p class="notice">{t('case.comment', { comment: c.lastComment })}</p>}
              <p>
                <button type="button" class="btn secondary small" onClick={() => openCase(c.id)}>
                  {isEditable(c.state) ? t('case.edit') : t('case.view')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
