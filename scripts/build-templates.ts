/**
 * `npm run build:templates`: turns each fill-in form content/templates/<id>.yaml into
 * public/templates/<id>.xlsx (for filling in on a computer) and <id>.docx (for printing and filling in by hand),
 * both laid out for A4. Files newer than their yaml and this script are skipped. Run by `npm run build`.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { FormTemplateSchema, columnName, columnWidth, type FormTemplate } from '../src/schemas/template.ts';
import { ROOT, StartError } from './lib/pocketbase.ts';

const SELF = fileURLToPath(import.meta.url);
const FOOTER = '质量学堂 · 可自由复制、修改后在本企业使用';

export function parseTemplate(text: string, file: string): FormTemplate {
  const doc = YAML.parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) throw new StartError(`${file}: YAML 语法错误：${doc.errors[0].message.split('\n')[0]}`);
  const result = FormTemplateSchema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    throw new StartError(result.error.issues.map((i) => `${file}: ${i.path.join('.') || '(根)'}: ${i.message}`).join('\n'));
  }
  return result.data;
}

export async function toXlsx(t: FormTemplate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '质量学堂';
  const sheet = book.addWorksheet(t.title, {
    pageSetup: {
      paperSize: 9,
      orientation: t.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: `&L${FOOTER}&R第 &P 页` },
  });
  const n = t.columns.length;
  sheet.columns = t.columns.map((_, i) => ({ width: columnWidth(t, i) * 1.1 }));
  const thin = { style: 'thin' as const, color: { argb: 'FF555555' } };
  const box = { top: thin, left: thin, bottom: thin, right: thin };

  const title = sheet.addRow([t.title]);
  sheet.mergeCells(title.number, 1, title.number, n);
  title.font = { size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  title.height = 28;
  for (const field of t.header) {
    const row = sheet.addRow([`${field}：`]);
    sheet.mergeCells(row.number, 1, row.number, Math.min(n, 4));
  }
  const head = sheet.addRow(t.columns.map(columnName));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.eachCell((cell) => {
    cell.border = box;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  });
  // repeat the column names on every printed page
  sheet.pageSetup.printTitlesRow = `${head.number}:${head.number}`;
  if (t.example) {
    const example = sheet.addRow(t.example.map((v, i) => (i === 0 ? `例：${v}` : v)));
    example.font = { italic: true, color: { argb: 'FF777777' } };
    for (let c = 1; c <= n; c++) example.getCell(c).border = box;
  }
  for (let r = 0; r < t.rows; r++) {
    const row = sheet.addRow([]);
    row.height = 22;
    for (let c = 1; c <= n; c++) row.getCell(c).border = box;
  }
  if (t.notes.length) sheet.addRow([]);
  for (const note of t.notes) {
    const row = sheet.addRow([`· ${note}`]);
    sheet.mergeCells(row.number, 1, row.number, n);
    row.alignment = { wrapText: true };
  }
  if (t.signatures.length) {
    sheet.addRow([]);
    sheet.addRow(
      t.signatures
        .map((s) => `${s}：`)
        .flatMap((s) => [s, '', ''])
        .slice(0, n),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function toDocx(t: FormTemplate): Promise<Buffer> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '555555' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const total = t.columns.reduce((s, _, i) => s + columnWidth(t, i), 0);
  const cell = (text: string, opts: { bold?: boolean; grey?: boolean; width: number }) =>
    new TableCell({
      borders,
      width: { size: Math.round((opts.width / total) * 100), type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          children: [new TextRun({ text, bold: opts.bold, italics: opts.grey, color: opts.grey ? '777777' : undefined, size: 18 })],
        }),
      ],
    });
  const widths = t.columns.map((_, i) => columnWidth(t, i));
  const rows = [
    new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cell(columnName(c), { bold: true, width: widths[i] })) }),
    ...(t.example
      ? [new TableRow({ children: t.example.map((v, i) => cell(i === 0 ? `例：${v}` : v, { grey: true, width: widths[i] })) })]
      : []),
    ...Array.from(
      { length: t.rows },
      () => new TableRow({ height: { value: 440, rule: 'atLeast' }, children: widths.map((w) => cell('', { width: w })) }),
    ),
  ];
  const doc = new Document({
    creator: '质量学堂',
    title: t.title,
    styles: { default: { document: { run: { font: 'SimSun', size: 21 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: t.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: 720, bottom: 720, left: 720, right: 720 },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [new TextRun({ text: t.title, bold: true, size: 32 })],
          }),
          ...(t.header.length
            ? [new Paragraph({ spacing: { after: 120 }, children: [new TextRun(t.header.map((h) => `${h}：__________`).join('    '))] })]
            : []),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          ...t.notes.map((note) => new Paragraph({ spacing: { before: 80 }, children: [new TextRun({ text: `· ${note}`, size: 18 })] })),
          ...(t.signatures.length
            ? [
                new Paragraph({
                  spacing: { before: 300 },
                  children: [new TextRun(t.signatures.map((s) => `${s}：__________    日期：__________`).join('      '))],
                }),
              ]
            : []),
          new Paragraph({ spacing: { before: 300 }, children: [new TextRun({ text: FOOTER, size: 16, color: '888888' })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const mtime = (path: string) => (existsSync(path) ? statSync(path).mtimeMs : 0);

function writeAtomically(file: string, data: Buffer) {
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, data);
  renameSync(partial, file);
}

/** Builds every form that is out of date; returns the ids built. */
export async function buildTemplates({ root = ROOT, force = false, log = console.log } = {}): Promise<string[]> {
  const dir = join(root, 'content', 'templates');
  if (!existsSync(dir)) return [];
  const out = join(root, 'public', 'templates');
  mkdirSync(out, { recursive: true });
  const built: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const id = name.slice(0, -5);
    const source = join(dir, name);
    const targets = [join(out, `${id}.xlsx`), join(out, `${id}.docx`)];
    const newestInput = Math.max(mtime(source), mtime(SELF));
    if (!force && targets.every((t) => mtime(t) > newestInput)) continue;
    const template = parseTemplate(readFileSync(source, 'utf8'), `content/templates/${name}`);
    writeAtomically(targets[0], await toXlsx(template));
    writeAtomically(targets[1], await toDocx(template));
    built.push(id);
  }
  if (built.length) log(`templates: ${built.length} form(s) → public/templates/ (${built.join(', ')})`);
  return built;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildTemplates({ force: parseArgs({ options: { force: { type: 'boolean', default: false } } }).values.force }).catch((err) => {
    console.error(err instanceof StartError ? err.message : err);
    process.exit(1);
  });
}
