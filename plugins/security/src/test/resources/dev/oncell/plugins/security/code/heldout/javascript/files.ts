// oncell-bench: vulnerable path
import { Request, Response } from 'express';
import * as fs from 'fs';
import * as path from 'path';

export function readDoc(req: Request, res: Response): void {
  const doc = req.query.doc as string;
  const content = fs.readFileSync(path.join(__dirname, 'docs', doc), 'utf8');
  res.type('text/plain').send(content);
}
