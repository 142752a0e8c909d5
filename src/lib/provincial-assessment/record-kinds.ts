/** Kinds of organising measures regulators record for assessment indicator 1. */
export const RECORD_KINDS = {
  meeting: '工作会议',
  document: '印发文件',
  publicity: '宣传活动',
  inspection: '督导检查',
  other: '其他',
} as const;
export type RecordKind = keyof typeof RECORD_KINDS;
