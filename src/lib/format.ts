/** Display helpers shared by pages and islands. */
export const totalMinutes = (lessons: { minutes: number }[]) => lessons.reduce((s, l) => s + l.minutes, 0);

/** "2026-11-28 09:30:00.000Z" (PocketBase) or ISO -> "2026年11月28日" */
export function formatDateZh(value: string): string {
  const d = new Date(value.includes('T') ? value : value.replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

export const formatInt = (n: number) => n.toLocaleString('zh-CN');
