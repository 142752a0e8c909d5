import { useEffect, useState } from 'preact/hooks';
import { qa, type ApiFailure } from '../client/api.ts';
import { t } from '../i18n/index.ts';
import { formatDateZh } from '../lib/format.ts';

interface Verification { code: string; status: 'valid' | 'revoked' | 'unknown' | 'malformed'; message: string; learner?: string; course?: string; issuer?: string; completedAt?: string }

export default function VerifyCertificate() {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState('');
  async function check(value: string) {
    setError('');
    setResult(null);
    if (!value.trim()) return;
    try {
      setResult(await qa<Verification>(`certificates/${encodeURIComponent(value.trim())}`));
    } catch (err) {
      setError((err as ApiFailure).message);
    }
  }
  useEffect(() => {
    const fromUrl = new URLSearchParams(window.location.search).get('code') ?? '';
    setCode(fromUrl);
    if (fromUrl) void check(fromUrl);
  }, []);
  const tone = result?.status === 'valid' ? 'ok' : 'bad';
  return (
    <div>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); history.replaceState(null, '', `?code=${encodeURIComponent(code.trim())}`); void check(code); }}>
        <label>{t('verify.code')}<input name="code" value={code} onInput={(e) => setCode(e.currentTarget.value)} placeholder="QA26-XXXX-XXXX-X" autocomplete="off" /></label>
        <button class="btn" type="submit">{t('verify.check')}</button>
      </form>
      {error && <p class="notice bad" role="alert">{error}</p>}
      {result && (
        <div class={`notice ${tone}`} role="status" data-testid="verify-result">
          <h2>{t(`verify.${result.status}`)}</h2>
          <p>{result.message}</p>
          {result.course && (
            <dl>
              <dt>{t('verify.learner')}</dt><dd>{result.learner}</dd>
              <dt>{t('verify.course')}</dt><dd>{result.course}</dd>
              <dt>{t('verify.issuer')}</dt><dd>{result.issuer}</dd>
              <dt>{t('verify.date')}</dt><dd>{formatDateZh(result.completedAt ?? '')}</dd>
            </dl>
          )}
        </div>
      )}
    </div>
  );
}
