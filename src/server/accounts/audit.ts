/**
 * The audit log of account operations (collection audit_log, closed to the record API): who reset whose
 * password, who redeemed a code, who erased their own data. Read by superusers in the admin UI.
 */
export type AuditAction = 'reset_code_issued' | 'reset_code_redeemed' | 'reset_code_burned' | 'data_exported' | 'account_erased';

export function writeAudit(
  app: PbApp,
  action: AuditAction,
  actor: string | null,
  subject: string | null,
  detail: Record<string, unknown> = {},
): void {
  const row = new Record(app.findCachedCollectionByNameOrId('audit_log'));
  row.set('action', action);
  if (actor) row.set('actor', actor);
  if (subject) row.set('subject', subject);
  row.set('detail', detail);
  app.save(row);
}
