import { execFile } from 'node:child_process';

/**
 * The text of a PDF, extracted with pdf-parse (pdf.js). pdf.js loads its worker with a dynamic
 * `import()`, which Jest's CommonJS sandbox refuses, so the extraction runs in a plain Node child.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const r = await parser.getText();
      await parser.destroy();
      process.stdout.write(JSON.stringify({ text: r.text, pages: r.total }));
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
        else resolve((JSON.parse(stdout) as { text: string }).text);
      },
    );
    child.stdin?.end(pdf);
  });
}
