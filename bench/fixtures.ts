import * as ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const CITIES = ['杭州', '宁波', '温州', '上海', '苏州', '无锡', '南京', '嘉兴', '绍兴', '合肥'];
const KINDS = ['工业配件', '五金机电', '烘焙原料', '快消批发', '医疗器械', '包装材料'];
const TAGS = ['只接受月结', '倾向视频演示', '价格敏感', '需要上门拜访', '季度集中采购'];

export interface BenchRow {
  name: string;
  /** As a person typed it: spaces, dashes, +86 or 0086, sometimes full-width. */
  rawPhone: string;
  /** The E.164 form the app stores, for the raw COPY baseline. */
  phone: string;
  city: string;
  tags: string;
  frequency: string;
  avgOrderValue: string;
}

const FULL_WIDTH = (text: string) =>
  text.replace(/\d/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));

/** Row i of a customer list as sales teams keep them: unique phones written in mixed styles. */
export function benchRow(i: number): BenchRow {
  const national = `13${(i % 7) + 3}${String(10_000_000 + i).slice(-8)}`;
  const styles = [
    national,
    `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`,
    `+86-${national}`,
    `0086 ${national}`,
    FULL_WIDTH(national),
  ];
  const city = CITIES[i % CITIES.length];
  return {
    name: `${city}${KINDS[i % KINDS.length]}客户${i}`,
    rawPhone: styles[i % styles.length],
    phone: `+86${national}`,
    city,
    tags: `${TAGS[i % TAGS.length]}、${TAGS[(i * 3) % TAGS.length]}`,
    frequency: String((i % 40) / 4),
    avgOrderValue: `${1000 + (i % 50_000)}.50`,
  };
}

const HEADERS = ['客户名称', '手机号', '城市', '标签', '购买频次', '客单价'];
const cells = (row: BenchRow) => [
  row.name,
  row.rawPhone,
  row.city,
  row.tags,
  row.frequency,
  row.avgOrderValue,
];

export async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('客户');
  sheet.addRow(HEADERS).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(cells(benchRow(i))).commit();
  await workbook.commit();
}

export async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(`${HEADERS.join(',')}\n`);
  for (let i = 0; i < rows; i++) await write(`${cells(benchRow(i)).join(',')}\n`);
  out.end();
  await once(out, 'finish');
}
