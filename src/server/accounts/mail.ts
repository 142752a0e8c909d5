/**
 * Mail settings from the environment, applied at every start (docs/deployment.md, "Email"):
 *   QA_APP_URL        public address of the site, e.g. https://xuetang.example.cn (links in mails point there)
 *   QA_SMTP_HOST      SMTP server; without it the platform sends no mail and says so at start
 *   QA_SMTP_PORT      default 587 (465: implicit TLS, set QA_SMTP_TLS=1)
 *   QA_SMTP_USER, QA_SMTP_PASSWORD, QA_SMTP_TLS=1, QA_SMTP_AUTH=PLAIN|LOGIN
 *   QA_MAIL_FROM      sender address (required with QA_SMTP_HOST), QA_MAIL_FROM_NAME (default 质量学堂)
 * Settings an administrator made in the admin UI stay when these variables are not set.
 */
declare function unmarshal(data: unknown, target: unknown): void;

interface MailSettings {
  smtp: { enabled: boolean; host: string };
  meta: { appURL: string; appName: string; senderAddress: string };
}

export interface MailStatus {
  enabled: boolean;
  problem: string;
}

export function applyMailSettings(app: PbApp): MailStatus {
  const env = (name: string) => String($os.getenv(name) || '').trim();
  const settings = (app as unknown as { settings(): MailSettings }).settings();
  const patch: { meta: Record<string, unknown>; smtp?: Record<string, unknown> } = { meta: { appName: '质量学堂' } };
  if (env('QA_APP_URL')) patch.meta.appURL = env('QA_APP_URL').replace(/\/+$/, '');
  const host = env('QA_SMTP_HOST');
  let problem = '';
  if (host) {
    const from = env('QA_MAIL_FROM');
    if (!from) problem = 'QA_SMTP_HOST is set but QA_MAIL_FROM (the sender address) is not: mail stays off.';
    else {
      patch.meta.senderAddress = from;
      patch.meta.senderName = env('QA_MAIL_FROM_NAME') || '质量学堂';
      patch.smtp = {
        enabled: true,
        host,
        port: Number(env('QA_SMTP_PORT') || '587'),
        username: env('QA_SMTP_USER'),
        password: env('QA_SMTP_PASSWORD'),
        tls: env('QA_SMTP_TLS') === '1',
        authMethod: env('QA_SMTP_AUTH') || 'PLAIN',
      };
    }
  }
  unmarshal(patch, settings);
  (app as unknown as { save(m: unknown): void }).save(settings);
  const now = (app as unknown as { settings(): MailSettings }).settings();
  if (!now.smtp.enabled && !problem)
    problem =
      'No SMTP server configured (QA_SMTP_HOST): password-reset mails are not sent; staff without mail reset through their enterprise manager.';
  if (now.smtp.enabled && !/^https?:\/\//.test(now.meta.appURL || ''))
    problem = 'QA_APP_URL is not set: links in password-reset mails will not point to this site.';
  return { enabled: now.smtp.enabled, problem };
}

/** GET /api/qa/password/options: whether the "forgot password" mail path works on this deployment. */
export function passwordOptions(e: PbRequestEvent): { email: boolean } {
  const settings = (e.app as unknown as { settings(): MailSettings }).settings();
  return { email: Boolean(settings.smtp.enabled) };
}
