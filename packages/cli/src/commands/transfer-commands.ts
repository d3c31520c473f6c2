import { readFileSync } from 'node:fs';
import type { Store } from '@rapport/db';
import { exportAccount, exportPeopleVcf, importPeopleFromVcf } from '@rapport/server';
import type { CliIo } from '../cli-io.ts';
import { parseFlags } from '../parse-flags.ts';
import { createProgressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { withStore } from './store-commands.ts';

/** `rapport import <file.vcf> [--email <account>]`: adds an address book to an account. */
export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(
    'import',
    args,
    { email: { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError('give one <file.vcf> to import, e.g. rapport import contacts.vcf');
  const bytes = readInput(file);
  return withStore(io, async (store) => {
    const account = await findAccount(store, values.email as string | undefined);
    const progress = createProgressBar((text) => io.stderrRaw(text), io.stderrIsTty, 'cards');
    const summary = await importPeopleFromVcf(
      store,
      account.id,
      bytes,
      account.settings.phoneRegion,
      new Date(),
      () => crypto.randomUUID(),
      (done, total) => progress.update(done, total),
    );
    const total = summary.added + summary.merged + summary.skipped.length;
    progress.finish(total, total);
    if (values.json) {
      io.stdout(JSON.stringify(summary));
      return 0;
    }
    io.stdout(`Added ${summary.added}, merged ${summary.merged}, skipped ${summary.skipped.length}.`);
    for (const skipped of summary.skipped) io.stdout(`  skipped: ${skipped.reason}`);
    return 0;
  });
}

/** `rapport export [--email <account>] [--vcf]`: everything of an account as JSON, or its people as vCards. */
export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('export', args, { email: { type: 'string' }, vcf: { type: 'boolean' } });
  return withStore(io, async (store) => {
    const account = await findAccount(store, values.email as string | undefined);
    io.stdout(
      values.vcf
        ? (await exportPeopleVcf(store, account.id)).trimEnd()
        : JSON.stringify(await exportAccount(store, account.id, new Date()), null, 2),
    );
    return 0;
  });
}

function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error: unknown) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`<file.vcf> '${file}' cannot be read (${code ?? 'error'}): check the path`);
  }
}

async function findAccount(store: Store, email: string | undefined) {
  const account = await store.accounts.findForAdmin(email);
  if (account) return account;
  throw new UsageError(
    email
      ? `--email '${email}' is not an account on this server`
      : 'this server has no account yet: start it (npm start) and create one first',
  );
}
