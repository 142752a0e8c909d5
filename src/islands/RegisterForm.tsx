import { useEffect, useState } from 'preact/hooks';
import { login, qa, type ApiFailure } from '../client/api.ts';
import { t, type UiKey } from '../i18n/index.ts';
import { ENTERPRISE_SIZES } from '../lib/vocabularies.ts';
import { validateUscc } from '../lib/uscc.ts';
import { routes } from '../lib/routes.ts';
import { safeNext } from '../lib/safe-next.ts';
import type { QaRoutes } from '../server/api-contract.ts';
import type { InviteLookupResponse } from '../server/manager/invites.ts';
import { isInviteToken } from '../lib/invites.ts';
import SectorPicker from './SectorPicker.tsx';

interface Division {
  code: string;
  name: string;
}
interface Regions {
  provinces: Division[];
  prefectures: Record<string, Division[]>;
  counties: Record<string, Division[]>;
}
type Lookup = QaRoutes['GET enterprises/lookup'];

function Field(props: { label: string; name: string; error?: string; hint?: string; children: preact.ComponentChildren }) {
  return (
    <label>
      {props.label}
      {props.hint && <span class="hint">{props.hint}</span>}
      {props.children}
      {props.error && (
        <span class="field-error" id={`${props.name}-error`}>
          {props.error}
        </span>
      )}
    </label>
  );
}

export default function RegisterForm() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [regions, setRegions] = useState<Regions | null>(null);
  const [province, setProvince] = useState('');
  const [prefecture, setPrefecture] = useState('');
  const [county, setCounty] = useState('');
  const [sector, setSector] = useState('');
  /** the region was filled in from the credit code: say so, so that people check it */
  const [regionFromCode, setRegionFromCode] = useState(false);
  /** ?invite=<token>: the enterprise comes from a manager's invitation, resolved (and re-checked) by the server. */
  // Read after hydration (not in the initial state): the server-rendered HTML has no query string, and
  // hydration does not patch attributes such as the submit button's `disabled`.
  const [inviteToken, setInviteToken] = useState('');
  const [invite, setInvite] = useState<InviteLookupResponse | null>(null);
  const [inviteError, setInviteError] = useState('');

  useEffect(() => {
    fetch('/data/regions.json')
      .then((r) => r.json())
      .then(setRegions)
      .catch(() => setMessage(t('error.network')));
  }, []);

  useEffect(() => setInviteToken(new URLSearchParams(window.location.search).get('invite') ?? ''), []);

  useEffect(() => {
    if (!inviteToken) return;
    if (!isInviteToken(inviteToken)) {
      setInviteError(t('auth.invite.invalid'));
      return;
    }
    qa(`invites/${inviteToken}`)
      .then(setInvite)
      .catch((err) => setInviteError((err as ApiFailure).message));
  }, [inviteToken]);

  const aria = (name: string) => ({
    'aria-invalid': errors[name] ? (true as const) : undefined,
    'aria-describedby': errors[name] ? `${name}-error` : undefined,
  });

  async function checkUscc(value: string) {
    setLookup(null);
    if (!value.trim()) return;
    const local = validateUscc(value);
    if (!local.ok) {
      setErrors((e) => ({ ...e, uscc: local.message }));
      return;
    }
    setErrors(({ uscc: _, ...rest }) => rest);
    prefillRegion(local.regionCode);
    try {
      setLookup(await qa('enterprises/lookup', { query: { uscc: local.code } }));
    } catch (err) {
      setErrors((e) => ({ ...e, uscc: (err as ApiFailure).message }));
    }
  }

  /**
   * Digits 3–8 of a credit code are the county where the enterprise was registered (GB/T 2260): fill in
   * province, city and county from them, as far as they match today's divisions. Nobody's choice is overwritten.
   */
  function prefillRegion(code: string) {
    if (!regions || province) return;
    const pref = code.slice(0, 4);
    const prov =
      regions.provinces.find((p) => regions.prefectures[p.code]?.some((x) => x.code === pref))?.code ??
      regions.provinces.find((p) => p.code === code.slice(0, 2))?.code;
    if (!prov) return;
    setProvince(prov);
    const prefOk = regions.prefectures[prov]?.some((x) => x.code === pref);
    setPrefecture(prefOk ? pref : '');
    setCounty(prefOk && regions.counties[pref]?.some((c) => c.code === code) ? code : '');
    setRegionFromCode(true);
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget as HTMLFormElement)) as Record<string, string>;
    setBusy(true);
    setMessage('');
    try {
      const enterprise = invite ? { invite: inviteToken } : {};
      await qa('register', { method: 'POST', body: { ...data, ...enterprise, consent: data.consent === 'on' } });
      setMessage(t('auth.registerDone'));
      try {
        await login(data.email.trim(), data.password);
      } catch (err) {
        // Registration answers the same for a taken email (no account enumeration); the login tells the person.
        const failure = err as ApiFailure;
        throw failure.status === 400 ? { ...failure, message: t('auth.registerLoginFailed'), fields: {} } : failure;
      }
      window.location.href = safeNext(new URLSearchParams(window.location.search).get('next'), routes.me());
    } catch (err) {
      const failure = err as ApiFailure;
      setErrors(failure.fields);
      setMessage(Object.keys(failure.fields).length ? t('form.fixErrors') : failure.message);
      setBusy(false);
    }
  }

  const needsEnterprise = !lookup?.registered;
  const withoutInvite = () => {
    window.history.replaceState(null, '', window.location.pathname);
    window.location.reload();
  };
  return (
    <form class="stack" onSubmit={onSubmit} noValidate>
      {message && (
        <p class={`notice ${Object.keys(errors).length ? 'bad' : ''}`} role="alert">
          {message}
        </p>
      )}
      {inviteToken && !invite && !inviteError && (
        <p class="status-line" role="status">
          {t('auth.invite.checking')}
        </p>
      )}
      {inviteError && (
        <div class="notice bad" role="alert" data-testid="invite-error">
          <p>{inviteError}</p>
          <p>
            <a
              href={routes.register()}
              onClick={(e) => {
                e.preventDefault();
                withoutInvite();
              }}
            >
              {t('auth.invite.withoutInvite')}
            </a>
          </p>
        </div>
      )}
      {invite && (
        <section class="notice ok invite-enterprise" data-testid="invite-enterprise" aria-live="polite">
          <p>{t('auth.invite.joining')}</p>
          <dl class="invite-facts">
            <dt>{t('auth.enterpriseName')}</dt>
            <dd data-testid="invite-enterprise-name">{invite.enterprise.name}</dd>
            <dt>{t('auth.uscc')}</dt>
            <dd>{invite.enterprise.uscc}</dd>
            <dt>{t('auth.county')}</dt>
            <dd>{invite.enterprise.region}</dd>
          </dl>
          <p class="hint">{t('auth.invite.locked')}</p>
          {errors.invite && (
            <p class="field-error" id="invite-error">
              {errors.invite}
            </p>
          )}
        </section>
      )}
      <Field label={t('auth.name')} name="name" error={errors.name}>
        <input name="name" autocomplete="name" required {...aria('name')} />
      </Field>
      <Field label={t('auth.email')} name="email" error={errors.email}>
        <input name="email" type="email" autocomplete="email" required {...aria('email')} />
      </Field>
      <Field label={t('auth.phone')} name="phone" hint={t('auth.phoneHint')} error={errors.phone}>
        <input name="phone" type="tel" inputMode="numeric" autocomplete="tel" maxLength={20} {...aria('phone')} />
      </Field>
      <Field label={t('auth.password')} name="password" error={errors.password}>
        <input name="password" type="password" autocomplete="new-password" minLength={8} required {...aria('password')} />
      </Field>
      <Field label={t('auth.passwordConfirm')} name="passwordConfirm" error={errors.passwordConfirm}>
        <input name="passwordConfirm" type="password" autocomplete="new-password" required {...aria('passwordConfirm')} />
      </Field>
      {!inviteToken && (
        <>
          <Field label={t('auth.uscc')} name="uscc" hint={t('auth.usccHint')} error={errors.uscc}>
            <input
              name="uscc"
              autocomplete="off"
              autocapitalize="characters"
              maxLength={24}
              required
              onBlur={(e) => checkUscc(e.currentTarget.value)}
              {...aria('uscc')}
            />
          </Field>
          {lookup && (
            <p class="notice" role="status">
              {lookup.registered ? t('auth.enterpriseFound', { name: lookup.name ?? '' }) : t('auth.enterpriseNew')}
            </p>
          )}
          {needsEnterprise && (
            <fieldset>
              <legend>{t('auth.enterpriseInfo')}</legend>
              <div class="stack">
                <Field label={t('auth.enterpriseName')} name="enterpriseName" error={errors.enterpriseName}>
                  <input name="enterpriseName" autocomplete="organization" {...aria('enterpriseName')} />
                </Field>
                {regionFromCode && (
                  <p class="hint" role="status" data-testid="region-from-code">
                    {t('auth.regionFromCode')}
                  </p>
                )}
                <Field label={t('auth.province')} name="province">
                  <select
                    name="province"
                    value={province}
                    onChange={(e) => {
                      setProvince(e.currentTarget.value);
                      setPrefecture('');
                      setCounty('');
                      setRegionFromCode(false);
                    }}
                  >
                    <option value="">{t('auth.choose')}</option>
                    {regions?.provinces.map((p) => (
                      <option value={p.code}>{p.name}</option>
                    ))}
                  </select>
                </Field>
                <Field label={t('auth.prefecture')} name="prefecture">
                  <select
                    name="prefecture"
                    value={prefecture}
                    onChange={(e) => {
                      setPrefecture(e.currentTarget.value);
                      setCounty('');
                    }}
                    disabled={!province}
                  >
                    <option value="">{t('auth.choose')}</option>
                    {(regions?.prefectures[province] ?? []).map((p) => (
                      <option value={p.code}>{p.name}</option>
                    ))}
                  </select>
                </Field>
                <Field label={t('auth.county')} name="countyCode" error={errors.countyCode}>
                  <select
                    name="countyCode"
                    value={county}
                    onChange={(e) => setCounty(e.currentTarget.value)}
                    disabled={!prefecture}
                    {...aria('countyCode')}
                  >
                    <option value="">{t('auth.choose')}</option>
                    {(regions?.counties[prefecture] ?? []).map((c) => (
                      <option value={c.code}>{c.name}</option>
                    ))}
                  </select>
                </Field>
                <div class="field">
                  <label for="register-sector">{t('auth.sector')}</label>
                  <SectorPicker
                    id="register-sector"
                    name="sector"
                    value={sector}
                    onChange={setSector}
                    emptyLabel={t('auth.choose')}
                    invalid={Boolean(errors.sector)}
                    describedBy={errors.sector ? 'sector-error' : undefined}
                  />
                  {errors.sector && (
                    <span class="field-error" id="sector-error">
                      {errors.sector}
                    </span>
                  )}
                </div>
                <Field label={t('auth.size')} name="size" error={errors.size}>
                  <select name="size">
                    {ENTERPRISE_SIZES.map((s) => (
                      <option value={s}>{t(`auth.size.${s}` as UiKey)}</option>
                    ))}
                  </select>
                </Field>
              </div>
            </fieldset>
          )}
        </>
      )}
      <div class="consent">
        <input type="checkbox" id="register-consent" name="consent" required {...aria('consent')} />
        <label for="register-consent">
          {t('auth.consentBefore')}
          <a href={routes.privacy()} target="_blank" rel="noopener">
            {t('privacy.title')}
          </a>
          {t('auth.consentAfter')}
        </label>
        {errors.consent && (
          <span class="field-error" id="consent-error">
            {errors.consent}
          </span>
        )}
      </div>
      <button class="btn" type="submit" disabled={busy || Boolean(inviteToken && !invite)}>
        {t('auth.register')}
      </button>
    </form>
  );
}
