/**
 * Edits one field of an MDX file's YAML frontmatter and keeps everything else as the author wrote it
 * (comments, order, quoting, the body). Used by `npm run new` and `npm run video`.
 */
import YAML from 'yaml';
import { splitFrontmatter } from './frontmatter.ts';

export class FrontmatterError extends Error {}

function split(text: string): { yaml: string; rest: string } {
  if (!text.replace(/^\uFEFF/, '').startsWith('---')) throw new FrontmatterError('文件开头没有 --- 包起来的 frontmatter');
  const parts = splitFrontmatter(text);
  if (!parts) throw new FrontmatterError('frontmatter 没有结束的 ---');
  return parts;
}

export function editFrontmatter(text: string, edit: (doc: YAML.Document) => void): string {
  const { yaml, rest } = split(text);
  const doc = YAML.parseDocument(yaml);
  if (doc.errors.length) throw new FrontmatterError(`frontmatter 不是合法的 YAML：${doc.errors[0].message}`);
  edit(doc);
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}${rest}`;
}

/** Appends a lesson slug to a course's `lessons` list (no-op when it is already there). */
export function addLessonToCourse(courseText: string, slug: string): string {
  return editFrontmatter(courseText, (doc) => {
    const lessons = doc.get('lessons');
    if (!YAML.isSeq(lessons)) throw new FrontmatterError('课程文件里没有 lessons 列表');
    if (lessons.items.some((item) => String(YAML.isScalar(item) ? item.value : item) === slug)) return;
    lessons.add(slug);
  });
}

export interface VideoBlock {
  src: string;
  poster?: string;
  captions?: string;
  durationSeconds: number;
  watchThreshold?: number;
}

/** Writes (or replaces) a lesson's `video:` block, keeping a threshold the author set by hand. */
export function setLessonVideo(lessonText: string, video: VideoBlock): string {
  return editFrontmatter(lessonText, (doc) => {
    const previous = doc.get('video');
    const threshold = YAML.isMap(previous) ? previous.get('watchThreshold') : undefined;
    const block: Record<string, unknown> = { src: video.src };
    if (video.captions) block.captions = video.captions;
    if (video.poster) block.poster = video.poster;
    block.durationSeconds = video.durationSeconds;
    if (threshold !== undefined) block.watchThreshold = threshold;
    else if (video.watchThreshold !== undefined) block.watchThreshold = video.watchThreshold;
    doc.set('video', doc.createNode(block));
  });
}
