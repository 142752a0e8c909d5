/**
 * Splits an MDX file into its YAML frontmatter (between the `---` fences) and the rest. The one splitter used
 * by the content reader, the frontmatter editor, the media build and the placeholder check.
 */
export interface FrontmatterParts {
  /** the YAML text, ending with a newline */
  yaml: string;
  /** 1-based line of the YAML's first line */
  yamlLine: number;
  /** from the closing fence on (`\n---…`), as the file has it */
  rest: string;
  /** the body after the closing fence's line */
  body: string;
  /** 1-based line of the body's first line */
  bodyLine: number;
}

/** null when the text does not start with a closed `---` fence. A BOM and CRLF line ends are accepted. */
export function splitFrontmatter(text: string): FrontmatterParts | null {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!normalised.startsWith('---\n')) return null;
  const end = normalised.indexOf('\n---', 4);
  if (end < 0) return null;
  const yaml = normalised.slice(4, end + 1);
  const afterFence = normalised.indexOf('\n', end + 1);
  const body = afterFence < 0 ? '' : normalised.slice(afterFence + 1);
  return { yaml, yamlLine: 2, rest: normalised.slice(end + 1), body, bodyLine: yaml.split('\n').length + 2 };
}
