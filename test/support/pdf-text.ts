import { spawn } from 'node:child_process';

/*
 * pdf-parse runs pdf.js, which loads its worker with a dynamic import() that
 * jest's CommonJS runtime refuses. So the text is extracted in a plain Node
 * child: the PDF goes in on stdin, the pages' text comes back as JSON.
 */
const EXTRACT = `
const { PDFParse } = require(process.argv[1]);
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const { pages } = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify(pages.map((page) => page.text)));
});
`;

/** The text of each page of `pdf`, as a reader copying it would get it. */
export function pdfPages(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', EXTRACT, require.resolve('pdf-parse')]);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as string[]);
      else reject(new Error(`pdf-parse exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.end(pdf);
  });
}
