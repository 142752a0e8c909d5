import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { parseTemplate, toDocx, toXlsx } from '../../scripts/build-templates.ts';

const dir = fileURLToPath(new URL('../../content/templates/', import.meta.url));

describe('fill-in form templates', () => {
  const first = parseTemplate(readFileSync(`${dir}first-article-record.yaml`, 'utf8'), 'first-article-record.yaml');

  it('become a spreadsheet with the title, the column names, a grey example row and bordered blank rows', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(first)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('首件检验记录表');
    expect(sheet.getCell('A1').value).toBe('首件检验记录表');
    const values: string[] = [];
    sheet.eachRow((row) => values.push(String(row.getCell(1).value ?? '')));
    const head = values.indexOf('日期') + 1;
    expect(head).toBeGreaterThan(1);
    expect(sheet.getRow(head).getCell(4).value).toBe('检验项目');
    expect(sheet.getRow(head + 1).getCell(1).value).toBe('例：3月2日');
    expect(sheet.getRow(head + 2).getCell(first.columns.length).border?.right?.style).toBe('thin');
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(values.some((v) => v.startsWith('· 首件原因写'))).toBe(true);
  });

  it('become a Word document with the same table to print', async () => {
    const xml = zipEntry(await toDocx(first), 'word/document.xml');
    expect(xml).toContain('首件检验记录表');
    for (const column of ['日期', '检验项目', '确认人', '例：3月2日', '检验员：__________']) expect(xml).toContain(column);
    expect(xml.match(/<w:tr[ >]/g)?.length).toBe(1 + 1 + first.rows); // head, example, blank rows
    expect(xml).toContain('w:orient="landscape"');
  });

  it('are all valid', () => {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      expect(() => parseTemplate(readFileSync(`${dir}${name}`, 'utf8'), name), name).not.toThrow();
    }
  });

  it('refuse an example row that does not match the columns, naming file and field', () => {
    expect(() => parseTemplate('title: 表\ndescription: 一张用来测试的表格。\ncolumns: [甲, 乙]\nexample: [1]\n', 'x.yaml')).toThrow(
      'x.yaml: example: 示例行有 1 格，表格有 2 列',
    );
  });
});

/** One file of a zip archive (local headers; stored or deflated), enough to look inside an Office file. */
function zipEntry(zip: Buffer, name: string): string {
  for (let at = 0; at + 30 < zip.length && zip.readUInt32LE(at) === 0x04034b50; ) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extra;
    const data = zip.subarray(start, start + size);
    if (entry === name) return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    at = start + size;
  }
  throw new Error(`${name} not in the archive`);
}
