// oncell-bench: safe path
import { Request, Response } from 'express';
import * as fs from 'fs';
import * as path from 'path';

const DOCS = path.join(__dirname, 'docs');

export function readDoc(req: Request, res: Response): void {
  const doc = path.basename(req.query.doc as string);
  const content = fs.readFileSync(path.join(DOCS, doc), 'utf8');
  res.type('text/plain').send(content);
}
