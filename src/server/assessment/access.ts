/**
 * Who may see one self-assessment. The single place that decides it: every route asks here, and the
 * assistance workflow extends it (its assigned expert and the expert's body). Regulators never see an
 * individual assessment, only aggregates.
 */
export function canSeeAssessment(app: PbApp, user: PbRecord | null, assessment: PbRecord): boolean {
  if (user?.collection().name !== 'users') return false;
  if (assessment.getString('taken_by') === user.id) return true;
  if (assessment.getString('scope') !== 'enterprise' || !assessment.getString('enterprise')) return false;
  // an enterprise's own assessment (taken by one of its managers) is seen by all of its managers
  if (
    user.getString('role') === 'enterprise_manager' &&
    user.getString('enterprise') !== '' &&
    user.getString('enterprise') === assessment.getString('enterprise')
  )
    return true;
  // and by the experts of a body helping (or having helped) that enterprise: an assistance both sides accepted
  if (user.getString('role') === 'expert' && user.getString('body')) {
    const rows = app.findRecordsByFilter('assistances', "enterprise = {:e} && body = {:b} && accepted_at != ''", '', 1, 0, {
      e: assessment.getString('enterprise'),
      b: user.getString('body'),
    });
    return rows.length > 0;
  }
  return false;
}

/** Only the person who is filling it in may change a draft or submit it. */
export function canAnswerAssessment(user: PbRecord, assessment: PbRecord): boolean {
  return assessment.getString('taken_by') === user.id && assessment.getString('status') === 'draft';
}
