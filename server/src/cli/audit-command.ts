/**
 * `counting-rules audit`: the inspection figures for a batch, as Markdown,
 * JSON or a self-contained HTML page.
 */
import * as path from 'node:path';
import type { AuditArgs } from './args';
import { auditFiles, renderAuditHtml, renderAuditJson, renderAuditMarkdown, type LinkFor } from './audit';
import { EXIT_OK, EXIT_TROUBLE, type Io } from './check';
import { openOut } from './output';
import { defaultJobs } from './pool';
import { ProgressBar } from './progress';

export async function auditCommand(args: AuditArgs, io: Io): Promise<number> {
  const bar = ProgressBar.enabled(io.stderr, args.progress) ? new ProgressBar(io.stderr, 'Auditing') : undefined;
  const audit = await auditFiles(args.paths, {
    cwd: io.cwd,
    config: args.config,
    top: args.top,
    title: args.title,
    jobs: args.jobs ?? defaultJobs(),
    workerScript: path.join(__dirname, 'worker.js'),
    onProgress: (p) => bar?.update(p),
    onConfigProblem: (p) => {
      bar?.done();
      io.warn(`${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
    },
  });
  bar?.done();
  for (const p of audit.problems) io.warn(`${p.path}: ${p.message}`);
  if (audit.internalErrors) io.warn(`${audit.internalErrors} internal errors while checking (please report them); some findings may be missing.`);

  // Links in the report point at the logs from wherever the report is saved.
  const from = args.output ? path.dirname(path.resolve(io.cwd, args.output)) : io.cwd;
  const link: LinkFor = (file, line) => {
    const rel = path.relative(from, path.resolve(io.cwd, file)).split(path.sep).join('/');
    return `${rel.split('/').map(encodeURIComponent).join('/')}#L${line}`;
  };
  const text = args.format === 'json' ? renderAuditJson(audit) : args.format === 'html' ? renderAuditHtml(audit, { link }) : renderAuditMarkdown(audit, link);
  const out = openOut(args.output);
  out.write(text);
  out.close();
  return audit.problems.length || audit.internalErrors ? EXIT_TROUBLE : EXIT_OK;
}
