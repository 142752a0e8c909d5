/**
 * Who may see one self-assessment. The single place that decides it: every route asks here, and the
 * assistance workflow extends it (its assigned expert and the expert's body). Regulators never see an
 * individual assessment, only aggregates.
 */
export function canSeeAssessment(app: PbApp, user: PbRecord | null, assessment: PbRecord): boolean {
  void app; // the assistance workflow looks up assignments here
  if (!user || user.collection().name !== 'users') return false;
  if (assessment.getString('taken_by') === user.id) return true;
  // an enterprise's own assessment (taken by one of its managers) is seen by all of its managers
  return (
    assessment.getString('scope') === 'enterprise' &&
    user.getString('role') === 'enterprise_manager' &&
    user.getString('enterprise') !== '' &&
    user.getString('enterprise') === assessment.getString('enterprise')
  );
}

/** Only the person who is filling it in may change a draft or submit it. */
export function canAnswerAssessment(user: PbRecord, assessment: PbRecord): boolean {
  return assessment.getString('taken_by') === user.id && assessment.getString('status') === 'draft';
}
